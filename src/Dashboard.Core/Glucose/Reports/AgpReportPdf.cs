using Dashboard.Core.Glucose.Review;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Reports;

/// <summary>
/// The AGP report of a review as a PDF, in the consensus layout (Battelino 2019; the AGP report v5): a header with the
/// patient, period, unit and data sufficiency; glucose statistics and targets; the time-in-ranges bar; the AGP percentile
/// chart; glucose events; then the daily profiles. Everything is drawn as vectors and every number is the text of the
/// <see cref="GlucoseReview"/> the review page shows — formatted by the same code — so page and PDF agree to the digit.
/// </summary>
public static class AgpReportPdf
{
    private const double PageWidth = 595; // A4 in points
    private const double PageHeight = 842;
    private const double Margin = 36;
    private const double ContentWidth = PageWidth - 2 * Margin;
    private const int ProfileColumns = 7;
    private const int ProfileRowsPerPage = 6;

    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33);
    private static readonly XColor Muted = XColor.FromArgb(97, 97, 97);
    private static readonly XColor Rule = XColor.FromArgb(189, 189, 189);
    private static readonly XColor TargetFill = XColor.FromArgb(46, 158, 91);
    private static readonly XColor Missed = XColor.FromArgb(183, 28, 28);

    public static XColor ColorOf(GlucoseBand band) => band switch
    {
        GlucoseBand.VeryHigh => XColor.FromArgb(230, 126, 34),
        GlucoseBand.High => XColor.FromArgb(245, 194, 66),
        GlucoseBand.InRange => XColor.FromArgb(46, 158, 91),
        GlucoseBand.Low => XColor.FromArgb(224, 82, 74),
        _ => XColor.FromArgb(162, 35, 29),
    };

    /// <param name="patient">How the header names the patient (their display name and client_user_id).</param>
    public static byte[] Render(GlucoseReview review, string patient)
    {
        AgpReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"AGP report · {patient} · {review.Statistics.Period}";
        document.Info.Subject = "Ambulatory glucose profile";
        document.Info.Creator = "Libre Connect Dashboard";

        var fonts = new Fonts();
        var pages = 1 + Math.Max(1, (int)Math.Ceiling(review.DailyProfiles.Count / (double)(ProfileColumns * ProfileRowsPerPage)));
        NewPage(document, out var gfx);
        var y = Header(gfx, fonts, review, patient, 1, pages);
        if (!review.HasReadings)
        {
            gfx.DrawString("No readings in this period.", fonts.Body, Brush(Ink), new XPoint(Margin, y + 16));
        }

        var columnTop = y;
        var statsBottom = Statistics(gfx, fonts, review, Margin, columnTop, ContentWidth * 0.48);
        var rangesBottom = TimeInRanges(gfx, fonts, review, Margin + ContentWidth * 0.52, columnTop, ContentWidth * 0.48);
        y = Math.Max(statsBottom, rangesBottom) + 14;
        y = Agp(gfx, fonts, review, y, 230) + 14;
        Events(gfx, fonts, review, y);
        gfx.Dispose();

        var profilesPerPage = ProfileColumns * ProfileRowsPerPage;
        for (var p = 0; p < pages - 1; p++)
        {
            NewPage(document, out gfx);
            var top = Header(gfx, fonts, review, patient, p + 2, pages);
            var chunk = review.DailyProfiles.Skip(p * profilesPerPage).Take(profilesPerPage).ToList();
            DailyProfiles(gfx, fonts, review, chunk, top);
            gfx.Dispose();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private sealed class Fonts
    {
        public readonly XFont Title = new(AgpReportFonts.Family, 15, XFontStyleEx.Bold);
        public readonly XFont Heading = new(AgpReportFonts.Family, 10.5, XFontStyleEx.Bold);
        public readonly XFont Body = new(AgpReportFonts.Family, 8.5, XFontStyleEx.Regular);
        public readonly XFont BodyBold = new(AgpReportFonts.Family, 8.5, XFontStyleEx.Bold);
        public readonly XFont Small = new(AgpReportFonts.Family, 6.5, XFontStyleEx.Regular);
        public readonly XFont SmallBold = new(AgpReportFonts.Family, 6.5, XFontStyleEx.Bold);
    }

    private static void NewPage(PdfDocument document, out XGraphics gfx)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        gfx = XGraphics.FromPdfPage(page);
    }

    private static XSolidBrush Brush(XColor color) => new(color);

    private static XPen Pen(XColor color, double width) => new(color, width);

    /// <summary>Title, patient, period, unit and data sufficiency; returns where the content starts.</summary>
    private static double Header(XGraphics gfx, Fonts fonts, GlucoseReview review, string patient, int pageNumber, int pages)
    {
        var s = review.Statistics;
        var y = Margin;
        gfx.DrawString("AGP Report: Continuous Glucose Monitoring", fonts.Title, Brush(Ink), new XPoint(Margin, y + 12));
        gfx.DrawString($"Page {pageNumber} of {pages}", fonts.Small, Brush(Muted), new XPoint(PageWidth - Margin - 40, y + 12));
        y += 26;
        gfx.DrawString($"Patient: {patient}", fonts.BodyBold, Brush(Ink), new XPoint(Margin, y));
        gfx.DrawString($"Unit: {review.UnitSymbol}", fonts.Body, Brush(Ink), new XPoint(Margin + ContentWidth * 0.75, y));
        y += 12;
        gfx.DrawString($"Period: {s.Period} ({s.Days})", fonts.Body, Brush(Ink), new XPoint(Margin, y));
        y += 12;
        var sufficiency = s.SufficientData
            ? $"% time CGM is active: {s.ActivePercent} (sufficient data: at least {ReviewGoals.SufficientActive})"
            : $"% time CGM is active: {s.ActivePercent}: under {ReviewGoals.SufficientActive}, too little data to trust these numbers";
        gfx.DrawString(sufficiency, fonts.Body, Brush(s.SufficientData ? Ink : Missed), new XPoint(Margin, y));
        y += 6;
        gfx.DrawLine(Pen(Rule, 0.8), Margin, y, PageWidth - Margin, y);
        return y + 14;
    }

    private static double Statistics(XGraphics gfx, Fonts fonts, GlucoseReview review, double x, double y, double width)
    {
        var s = review.Statistics;
        gfx.DrawString("Glucose statistics and targets", fonts.Heading, Brush(Ink), new XPoint(x, y));
        y += 14;
        (string Label, string Value, bool Met)[] rows =
        [
            ("% time CGM is active", s.ActivePercent, s.SufficientData),
            ("Mean glucose", s.Mean, true),
            ("Glucose management indicator (GMI)", s.Gmi, true),
            ($"Glucose variability (CV), goal {ReviewGoals.CvGoal}", s.Cv, s.MeetsCvGoal),
            ("Standard deviation", s.Sd, true),
            ($"Time in tight range ({ReviewGoals.TightLimitsOf(review.Unit)})", s.TightRange, true),
            ("Glycemia risk index (GRI)", $"{s.Gri} (zone {s.GriZone})", true),
            ("Readings", s.Readings.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), true),
        ];
        foreach (var (label, value, met) in rows)
        {
            gfx.DrawString(label, fonts.Body, Brush(Ink), new XPoint(x, y));
            gfx.DrawString(value, fonts.BodyBold, Brush(met ? Ink : Missed), new XRect(x, y - 8, width, 10), XStringFormats.TopRight);
            y += 5;
            gfx.DrawLine(Pen(Rule, 0.4), x, y, x + width, y);
            y += 10;
        }

        y += 4;
        gfx.DrawString("Targets (% of readings and time a day)", fonts.BodyBold, Brush(Ink), new XPoint(x, y));
        y += 12;
        foreach (var row in review.Ranges.Reverse())
        {
            gfx.DrawString($"{row.Name} {row.Limits}", fonts.Small, Brush(Ink), new XPoint(x, y));
            gfx.DrawString($"goal {row.Goal}", fonts.Small, Brush(row.MeetsGoal ? Muted : Missed), new XRect(x, y - 6, width, 8), XStringFormats.TopRight);
            y += 10;
        }

        return y;
    }

    /// <summary>One stacked bar, very low at the bottom; beside each band its share, time a day and goal.</summary>
    private static double TimeInRanges(XGraphics gfx, Fonts fonts, GlucoseReview review, double x, double y, double width)
    {
        gfx.DrawString("Time in ranges", fonts.Heading, Brush(Ink), new XPoint(x, y));
        y += 10;
        const double barHeight = 200, barWidth = 34, minimumBand = 3;
        var rows = review.Ranges; // very high first, as the report stacks them top down
        var total = rows.Sum(r => Math.Max(r.Percent, 0));
        var top = y;
        var labelY = new List<double>();
        foreach (var row in rows)
        {
            // Bands keep a sliver of height so a 0.4 % very low still shows its colour, as the AGP report does.
            var h = total > 0 ? Math.Max(minimumBand, barHeight * row.Percent / total) : barHeight / rows.Count;
            gfx.DrawRectangle(Brush(ColorOf(row.Band)), x, top, barWidth, h);
            labelY.Add(top + h / 2);
            top += h;
        }

        gfx.DrawRectangle(Pen(Rule, 0.6), x, y, barWidth, top - y);
        // Labels spread so they never overlap, each linked to its band's middle.
        var spacing = (top - y) / rows.Count;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var ly = y + spacing * i + spacing / 2;
            gfx.DrawLine(Pen(Rule, 0.5), x + barWidth, labelY[i], x + barWidth + 10, ly);
            gfx.DrawString($"{row.Name} ({row.Limits})", fonts.Small, Brush(Muted), new XPoint(x + barWidth + 12, ly - 4));
            gfx.DrawString(row.PercentText, fonts.BodyBold, Brush(row.MeetsGoal ? Ink : Missed), new XPoint(x + barWidth + 12, ly + 6));
            gfx.DrawString($"{row.TimePerDay} a day · goal {row.Goal}", fonts.Small, Brush(Muted), new XPoint(x + barWidth + 62, ly + 6));
        }

        return top;
    }

    /// <summary>The AGP: 5–95 % and 25–75 % bands as filled polygons, the median as a line, on the target band.</summary>
    private static double Agp(XGraphics gfx, Fonts fonts, GlucoseReview review, double y, double height)
    {
        gfx.DrawString("Ambulatory glucose profile (AGP)", fonts.Heading, Brush(Ink), new XPoint(Margin, y));
        y += 10;
        gfx.DrawString("Median (line), 25–75 % and 5–95 % of readings per 15 minutes of the day, on the target range",
            fonts.Small, Brush(Muted), new XPoint(Margin, y));
        y += 8;
        var plot = new XRect(Margin + 30, y, ContentWidth - 30, height);
        var axis = new GlucoseAxis(review.Unit, plot);
        DrawDayFrame(gfx, fonts, axis, review.Agp.Target, withLabels: true);

        var agp = review.Agp;
        if (!agp.IsEmpty)
        {
            gfx.DrawPolygon(Brush(XColor.FromArgb(110, 144, 202, 249)), Band(axis, agp.Outer), XFillMode.Winding);
            gfx.DrawPolygon(Brush(XColor.FromArgb(170, 30, 136, 229)), Band(axis, agp.Inner), XFillMode.Winding);
            gfx.DrawLines(Pen(XColor.FromArgb(13, 71, 161), 1.6), [.. agp.Median.Select(p => axis.Point(p.X, p.Y))]);
        }

        return plot.Bottom + 14;
    }

    private static XPoint[] Band(GlucoseAxis axis, IReadOnlyList<RangePoint> band) =>
        [.. band.Select(p => axis.Point(p.X, p.High)), .. band.Reverse().Select(p => axis.Point(p.X, p.Low))];

    private static void Events(XGraphics gfx, Fonts fonts, GlucoseReview review, double y)
    {
        gfx.DrawString("Glucose events (≥ 15 minutes in the band to start, ≥ 15 minutes out to end)", fonts.Heading, Brush(Ink), new XPoint(Margin, y));
        y += 14;
        double[] columns = [Margin, Margin + 230, Margin + 300, Margin + 380];
        string[] header = ["Event", "Count", "Per week", "Mean duration"];
        for (var i = 0; i < header.Length; i++) gfx.DrawString(header[i], fonts.BodyBold, Brush(Ink), new XPoint(columns[i], y));
        y += 4;
        gfx.DrawLine(Pen(Rule, 0.5), Margin, y, Margin + 460, y);
        foreach (var row in review.Events.Summary)
        {
            y += 11;
            gfx.DrawString($"{row.Name} ({row.Threshold})", fonts.Body, Brush(Ink), new XPoint(columns[0], y));
            gfx.DrawString(row.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), fonts.Body, Brush(Ink), new XPoint(columns[1], y));
            gfx.DrawString(row.PerWeek, fonts.Body, Brush(Ink), new XPoint(columns[2], y));
            gfx.DrawString(row.MeanDuration, fonts.Body, Brush(Ink), new XPoint(columns[3], y));
        }
    }

    /// <summary>The daily profiles: seven days a row, each a small chart of the day on the target band.</summary>
    private static void DailyProfiles(XGraphics gfx, Fonts fonts, GlucoseReview review, IReadOnlyList<DailyProfile> days, double y)
    {
        gfx.DrawString("Daily glucose profiles", fonts.Heading, Brush(Ink), new XPoint(Margin, y));
        y += 10;
        gfx.DrawString("Each day from midnight to midnight; the band is the target range. Below: time in range, low, high.",
            fonts.Small, Brush(Muted), new XPoint(Margin, y));
        y += 8;
        const double gap = 4, cellHeight = 108;
        var cellWidth = (ContentWidth - gap * (ProfileColumns - 1)) / ProfileColumns;
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var cx = Margin + (i % ProfileColumns) * (cellWidth + gap);
            var cy = y + (i / ProfileColumns) * (cellHeight + gap);
            gfx.DrawString(day.Title, fonts.SmallBold, Brush(Ink), new XPoint(cx, cy + 7));
            var plot = new XRect(cx, cy + 10, cellWidth, cellHeight - 42);
            var axis = new GlucoseAxis(review.Unit, plot);
            DrawDayFrame(gfx, fonts, axis, review.Agp.Target, withLabels: false);
            if (day.IsEmpty)
            {
                gfx.DrawString("no readings", fonts.Small, Brush(Muted), new XRect(plot.X, plot.Y, plot.Width, plot.Height), XStringFormats.Center);
            }
            else if (day.Points.Count > 1)
            {
                gfx.DrawLines(Pen(XColor.FromArgb(21, 101, 192), 0.7), [.. day.Points.Select(p => axis.Point(p.X, p.Y))]);
            }

            gfx.DrawString($"In range {day.InRange}", fonts.Small, Brush(Ink), new XPoint(cx, plot.Bottom + 8));
            gfx.DrawString($"Low {day.Low}", fonts.Small, Brush(Muted), new XPoint(cx, plot.Bottom + 16));
            gfx.DrawString($"High {day.High}", fonts.Small, Brush(Muted), new XPoint(cx, plot.Bottom + 24));
        }
    }

    /// <summary>The frame of a 24-hour chart: target band, its two limits, and (for the large chart) hour and glucose labels.</summary>
    private static void DrawDayFrame(XGraphics gfx, Fonts fonts, GlucoseAxis axis, TargetBand target, bool withLabels)
    {
        var plot = axis.Plot;
        var low = axis.Y(target.Low);
        var high = axis.Y(target.High);
        gfx.DrawRectangle(Brush(XColor.FromArgb(30, TargetFill.R, TargetFill.G, TargetFill.B)), plot.X, high, plot.Width, low - high);
        gfx.DrawLine(Pen(TargetFill, 0.6), plot.X, low, plot.Right, low);
        gfx.DrawLine(Pen(TargetFill, 0.6), plot.X, high, plot.Right, high);
        gfx.DrawRectangle(Pen(Rule, 0.6), plot.X, plot.Y, plot.Width, plot.Height);
        if (!withLabels) return;

        for (var hour = 0; hour <= 24; hour += 3)
        {
            var x = axis.X(hour * 60);
            gfx.DrawLine(Pen(Rule, 0.3), x, plot.Y, x, plot.Bottom);
            gfx.DrawString(GlucoseFormat.Clock(hour % 24 * 60), fonts.Small, Brush(Muted), new XRect(x - 15, plot.Bottom + 2, 30, 8), XStringFormats.TopCenter);
        }

        var decimals = GlucoseFormat.Decimals(axis.Unit);
        foreach (var value in new[] { GlucoseBands.For(axis.Unit).VeryLowBelow, target.Low, target.High, GlucoseBands.For(axis.Unit).HighUpTo })
        {
            gfx.DrawString(GlucoseFormat.Number(value, decimals), fonts.Small, Brush(Muted), new XRect(plot.X - 30, axis.Y(value) - 4, 26, 8), XStringFormats.TopRight);
        }

        gfx.DrawString(GlucoseUnits.Symbol(axis.Unit), fonts.Small, Brush(Muted), new XPoint(plot.X - 30, plot.Y + 6));
    }

    /// <summary>Minutes of the day across, glucose up: 0–350 mg/dL or 0–21 mmol/L, the scale of the page's charts.</summary>
    private sealed record GlucoseAxis(GlucoseUnit Unit, XRect Plot)
    {
        private double Max => ReviewCharts.GlucoseAxisMax(Unit);

        public double X(double minuteOfDay) => Plot.X + Plot.Width * minuteOfDay / 1440;

        public double Y(double value) => Plot.Bottom - Plot.Height * Math.Clamp(value, 0, Max) / Max;

        public XPoint Point(double minuteOfDay, double value) => new(X(minuteOfDay), Y(value));
    }
}
