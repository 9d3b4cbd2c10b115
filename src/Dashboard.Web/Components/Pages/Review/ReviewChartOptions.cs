using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Web.Components.Pages.Review;

/// <summary>
/// How the review's charts look: maps the Core read model (numbers already computed, rounded and downsampled) to
/// ApexCharts options. Presentation only — no glucose rule lives here. Series names, axis titles and labels shown to
/// the person are in the console's language; the series' values stay numbers.
/// </summary>
public static class ReviewChartOptions
{

    private const string TargetFill = "#2E9E5B";
    private const string GlucoseLine = "#1565C0";

    public static string ColorOf(GlucoseBand band) => band switch
    {
        GlucoseBand.VeryHigh => "#E67E22",
        GlucoseBand.High => "#F5C242",
        GlucoseBand.InRange => "#2E9E5B",
        GlucoseBand.Low => "#E0524A",
        _ => "#A2231D",
    };

    /// <summary>Time in ranges: one 100 % stacked column, very low at the bottom, very high on top, as the AGP report draws it.</summary>
    public static ApexChartOptions Ranges(IStringLocalizer<ConsoleText> L, IReadOnlyList<RangeRow> rows)
    {
        var bottomUp = rows.Reverse().ToList();
        return new ApexChartOptions
        {
            Chart = new ChartSettings { Type = "bar", Id = "time-in-ranges", Height = 320, Stacked = true, StackType = "100%", Toolbar = NoToolbar, Animations = Off },
            Series = [.. bottomUp.Select(r => new ApexSeries(ReviewWords.BandOf(L, r.Band), new[] { Math.Round(r.Percent, 1) }))],
            Colors = [.. bottomUp.Select(r => ColorOf(r.Band))],
            PlotOptions = new PlotOptions(new BarOptions { ColumnWidth = "45%" }),
            Xaxis = new XAxis { Type = "category", Categories = [L["Review.Ranges.Title"]], Labels = new AxisLabels { Show = false } },
            Yaxis = new YAxis { Show = false, Max = 100 },
            DataLabels = new DataLabels(true) { Formatter = Formatters.Percent },
            Legend = new Legend { Show = true, Position = "right", InverseOrder = true },
            Tooltip = new Tooltip { Y = new TooltipValue { Formatter = Formatters.Percent } },
        };
    }

    /// <summary>AGP: the 5–95 % and 25–75 % bands and the median over a 24-hour day, on the target band.</summary>
    public static ApexChartOptions Agp(IStringLocalizer<ConsoleText> L, AgpChart agp, GlucoseUnit unit) => new()
    {
        Chart = new ChartSettings { Type = "rangeArea", Id = "agp", Height = 340, Toolbar = NoToolbar, Animations = Off, Zoom = new Toggle(false) },
        Series =
        [
            new ApexSeries(L["Review.Agp.Outer"], agp.Outer) { Type = "rangeArea" },
            new ApexSeries(L["Review.Agp.Inner"], agp.Inner) { Type = "rangeArea" },
            new ApexSeries(L["Review.Agp.Median"], agp.Median) { Type = "line" },
        ],
        Colors = ["#90CAF9", "#1E88E5", "#0D47A1"],
        Fill = new Fill { Opacity = [0.35, 0.6, 1] },
        Stroke = new Stroke { Curve = "smooth", Width = [0, 0, 2.5] },
        Xaxis = DayAxis(),
        Yaxis = GlucoseAxis(unit),
        Annotations = new Annotations { Yaxis = [TargetBand(L, agp.Target)] },
        DataLabels = new DataLabels(false),
        Legend = new Legend { Show = true, Position = "top" },
        Tooltip = new Tooltip { Shared = true, X = new TooltipValue { Formatter = Formatters.MinutesOfDay } },
    };

    /// <summary>Both periods' AGP medians over a 24-hour day on the target band: each in its own colour.</summary>
    public static ApexChartOptions CompareMedians(IStringLocalizer<ConsoleText> L, ReviewComparison comparison) => new()
    {
        Chart = new ChartSettings { Type = "line", Id = "compare-agp", Height = 300, Toolbar = NoToolbar, Animations = Off, Zoom = new Toggle(false) },
        Series =
        [
            new ApexSeries(L["Review.Compare.MedianChosen"], comparison.Chosen.Agp.Median),
            new ApexSeries(L["Review.Compare.MedianSecond"], comparison.Second.Agp.Median),
        ],
        Colors = ["#0D47A1", "#8E24AA"],
        Stroke = new Stroke { Curve = "smooth", Width = [2.5, 2] },
        Xaxis = DayAxis(),
        Yaxis = GlucoseAxis(comparison.Chosen.Unit),
        Annotations = new Annotations { Yaxis = [TargetBand(L, comparison.Chosen.Agp.Target)] },
        DataLabels = new DataLabels(false),
        Legend = new Legend { Show = true, Position = "top" },
        Tooltip = new Tooltip { Shared = true, X = new TooltipValue { Formatter = Formatters.MinutesOfDay } },
    };

    /// <summary>The detail chart: glucose over floating local time on the target band, markers at their hour, zoomable on x.</summary>
    public static ApexChartOptions Detail(IStringLocalizer<ConsoleText> L, DetailChart detail, GlucoseUnit unit, IReadOnlyList<EventRow>? events = null) => new()
    {
        Chart = new ChartSettings
        {
            Type = "line", Id = "detail", Height = 360, Animations = Off,
            Zoom = new Toggle(true) { Type = "x" }, Toolbar = new Toggle(true) { Show = true },
        },
        Series = [new ApexSeries(L["Review.Detail.Glucose"], detail.Glucose)],
        Colors = [GlucoseLine],
        Stroke = new Stroke { Curve = "straight", Width = [2] },
        // The x values are floating local times written as if UTC: shown in UTC, they read as the device's clock.
        Xaxis = new XAxis { Type = "datetime", Labels = new AxisLabels { DatetimeUTC = true } },
        Yaxis = GlucoseAxis(unit),
        Annotations = new Annotations { Yaxis = [TargetBand(L, detail.Target)], Xaxis = [.. (events ?? []).Select(e => EventMark(L, e)), .. detail.Markers.Select(m => Marker(L, m))] },
        DataLabels = new DataLabels(false),
        Legend = new Legend { Show = true, ShowForSingleSeries = true, Position = "top" },
        Tooltip = new Tooltip { X = new TooltipValue { Format = "dd MMM HH:mm" } },
    };

    public static string MarkerColorOf(MarkerKind kind) => kind switch
    {
        MarkerKind.Carbohydrates => "#8D6E63",
        MarkerKind.RapidActingInsulin => "#7B1FA2",
        MarkerKind.LongActingInsulin => "#00838F",
        _ => "#546E7A",
    };

    /// <summary>The colour of the band an event kind is about (level 1 hypo as low, level 2 hyper as very high…).</summary>
    public static string EventColorOf(GlucoseEventKind kind) => ColorOf(kind switch
    {
        GlucoseEventKind.HypoLevel2 => GlucoseBand.VeryLow,
        GlucoseEventKind.HypoLevel1 => GlucoseBand.Low,
        GlucoseEventKind.HyperLevel1 => GlucoseBand.High,
        _ => GlucoseBand.VeryHigh,
    });

    /// <summary>A glucose event as a shaded stretch of the detail chart; level 2 drawn over its level 1 event.</summary>
    private static XAxisAnnotation EventMark(IStringLocalizer<ConsoleText> L, EventRow e) => new(e.X)
    {
        X2 = e.X2,
        FillColor = EventColorOf(e.Kind),
        Opacity = 0.18,
        BorderColor = EventColorOf(e.Kind),
        Label = new AnnotationLabel(ReviewWords.EventOf(L, e.Kind))
        {
            BorderColor = EventColorOf(e.Kind), Position = "bottom", Orientation = "horizontal",
            Style = new AnnotationLabelStyle("#fff", EventColorOf(e.Kind))
        },
    };

    private static XAxisAnnotation Marker(IStringLocalizer<ConsoleText> L, HourlyMarker marker) => new(marker.X)
    {
        BorderColor = MarkerColorOf(marker.Kind),
        StrokeDashArray = 4,
        Label = new AnnotationLabel(ReviewWords.MarkerOf(L, marker))
        {
            BorderColor = MarkerColorOf(marker.Kind),
            Orientation = "horizontal",
            // Markers of one hour share an x: each kind gets its own row of labels.
            OffsetY = 22 * (int)marker.Kind,
            Style = new AnnotationLabelStyle("#fff", MarkerColorOf(marker.Kind)),
        },
    };

    private static YAxisAnnotation TargetBand(IStringLocalizer<ConsoleText> L, TargetBand target) => new(target.Low)
    {
        Y2 = target.High,
        FillColor = TargetFill,
        Opacity = 0.12,
        BorderColor = TargetFill,
        Label = new AnnotationLabel(L["Review.Band.InRange"]) { BorderColor = TargetFill, Style = new AnnotationLabelStyle("#fff", TargetFill) },
    };

    private static XAxis DayAxis() => new()
    {
        Type = "numeric", Min = 0, Max = 1440, TickAmount = 8,
        Labels = new AxisLabels { Formatter = Formatters.MinutesOfDay },
    };

    private static YAxis GlucoseAxis(GlucoseUnit unit) => new()
    {
        Min = 0, Max = GlucoseAxisMax(unit), TickAmount = 7,
        Title = new AxisTitle(GlucoseUnits.Symbol(unit)),
        Labels = new AxisLabels { Formatter = Formatters.ForDecimals(GlucoseFormat.Decimals(unit)) },
    };

    /// <summary>350 mg/dL or 21 mmol/L: room for the sensor's highest readings, even ticks, the same scale on every chart.</summary>
    private static double GlucoseAxisMax(GlucoseUnit unit) => ReviewCharts.GlucoseAxisMax(unit);

    private static readonly Toggle NoToolbar = new(false) { Show = false };
    private static readonly Toggle Off = new(false);
}
