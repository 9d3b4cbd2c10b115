using System.Globalization;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Web.Components.Pages.Review;

/// <summary>
/// The review's words in the console's language, written from Core's raw values: Core's English labels (range names,
/// goals, event kinds, markers, period lengths) are the text of the API, the PDF and the exports and are not shown here.
/// Numbers go through <see cref="ReviewNumbers"/>.
/// </summary>
public static class ReviewWords
{
    /// <summary>A number of days: "1 day", "14 days" (the period pickers of the review and triage, a period's length).</summary>
    public static string DaysOf(IStringLocalizer<ConsoleText> L, int days) => days == 1 ? L["Review.Days.One"] : L["Review.Days.Many", days];

    /// <summary>The length of the shown period: "1 day", "14 days" (a preset counts N days, a custom range its whole days).</summary>
    public static string LengthOf(IStringLocalizer<ConsoleText> L, GlucoseReview review) =>
        DaysOf(L, !review.Period.IsCustom ? review.Period.Days
            : review.FirstDay is { } f && review.LastDay is { } l ? l.DayNumber - f.DayNumber + 1 : 0);

    /// <summary>The shown period's days: "2 Dec 2026 – 15 Dec 2026"; "–" without readings.</summary>
    public static string PeriodOf(GlucoseReview review) =>
        review.FirstDay is { } from && review.LastDay is { } to ? $"{ReviewNumbers.Date(from)} – {ReviewNumbers.Date(to)}" : ReviewNumbers.NoValue;

    /// <summary>The period with its length: "2 Dec 2026 – 15 Dec 2026 (14 days)".</summary>
    public static string PeriodWithLengthOf(IStringLocalizer<ConsoleText> L, GlucoseReview review) => $"{PeriodOf(review)} ({LengthOf(L, review)})";

    /// <summary>A change of a share in percentage points: "+1.5 pts"; "–" without one.</summary>
    public static string PointsChange(IStringLocalizer<ConsoleText> L, double? change) =>
        change is { } c ? L["Review.Points", ReviewNumbers.Signed(c, 1)] : ReviewNumbers.NoValue;

    /// <summary>A length of time: 75 minutes → "1 h 15 min"; "–" when there is none (Core's rounding and split).</summary>
    public static string Duration(IStringLocalizer<ConsoleText> L, double? minutes)
    {
        if (minutes is not { } value) return ReviewNumbers.NoValue;
        return GlucoseFormat.HoursAndMinutes(value) switch
        {
            (0, var m) => L["Review.Duration.Minutes", m],
            (var h, 0) => L["Review.Duration.Hours", h],
            var (h, m) => L["Review.Duration.HoursMinutes", h, m],
        };
    }

    /// <summary>A share of the day as time: 70 % → "16 h 48 min".</summary>
    public static string TimePerDay(IStringLocalizer<ConsoleText> L, double? percent) =>
        percent is { } p ? Duration(L, p / 100 * 24 * 60) : ReviewNumbers.NoValue;

    public static string BandOf(IStringLocalizer<ConsoleText> L, GlucoseBand band) => band switch
    {
        GlucoseBand.VeryHigh => L["Review.Band.VeryHigh"],
        GlucoseBand.High => L["Review.Band.High"],
        GlucoseBand.InRange => L["Review.Band.InRange"],
        GlucoseBand.Low => L["Review.Band.Low"],
        _ => L["Review.Band.VeryLow"],
    };

    /// <summary>The band's limits in the unit shown, e.g. "70–180 mg/dL" or "&gt; 13.9 mmol/L".</summary>
    public static string LimitsOf(GlucoseBand band, GlucoseUnit unit) => ReviewGoals.LimitsOf(band, unit, CultureInfo.CurrentCulture);

    /// <summary>Tight range in the unit shown: "70–140 mg/dL" or "3.9–7.8 mmol/L".</summary>
    public static string TightLimitsOf(GlucoseUnit unit) => ReviewGoals.TightLimitsOf(unit, CultureInfo.CurrentCulture);

    /// <summary>The consensus goal of a band (<see cref="ReviewGoals"/>): "&gt; 70 %", "&lt; 4 % (low and very low)".</summary>
    public static string GoalOf(IStringLocalizer<ConsoleText> L, GlucoseBand band) => band switch
    {
        GlucoseBand.VeryHigh => $"< {ReviewNumbers.WholePercent(ConsensusGoals.TimeVeryHighBelowPercent)}",
        GlucoseBand.High => L["Review.Goal.HighAndVeryHigh", $"< {ReviewNumbers.WholePercent(ConsensusGoals.TimeHighBelowPercent)}"],
        GlucoseBand.InRange => $"> {ReviewNumbers.WholePercent(ConsensusGoals.TimeInRangeAbovePercent)}",
        GlucoseBand.Low => L["Review.Goal.LowAndVeryLow", $"< {ReviewNumbers.WholePercent(ConsensusGoals.TimeLowBelowPercent)}"],
        _ => $"< {ReviewNumbers.WholePercent(ConsensusGoals.TimeVeryLowBelowPercent)}",
    };

    /// <summary>The CV goal: "≤ 36 %".</summary>
    public static string CvGoal => $"≤ {ReviewNumbers.WholePercent(ConsensusGoals.CvAtMostPercent)}";

    /// <summary>The least share of time CGM must be active: "70 %".</summary>
    public static string SufficientActive => ReviewNumbers.WholePercent(ConsensusGoals.ActiveAtLeastPercent);

    public static string EventOf(IStringLocalizer<ConsoleText> L, GlucoseEventKind kind) => kind switch
    {
        GlucoseEventKind.HypoLevel2 => L["Review.Event.HypoLevel2"],
        GlucoseEventKind.HypoLevel1 => L["Review.Event.HypoLevel1"],
        GlucoseEventKind.HyperLevel1 => L["Review.Event.HyperLevel1"],
        _ => L["Review.Event.HyperLevel2"],
    };

    /// <summary>"&lt; 70 mg/dL" or "&gt; 13.9 mmol/L": where the kind's band begins, in the unit shown.</summary>
    public static string ThresholdOf(GlucoseEventKind kind, GlucoseUnit unit) => ReviewEventsFormat.ThresholdOf(kind, unit, CultureInfo.CurrentCulture);

    /// <summary>When an event was: "2 Dec 2026 03:10 – 03:45", the end's date written only when it is another day.</summary>
    public static string WhenOf(EventRow e) =>
        $"{ReviewNumbers.DateTime(e.Start)} – {(e.End.Date == e.Start.Date ? ReviewNumbers.Clock(e.End) : ReviewNumbers.DateTime(e.End))}";

    /// <summary>"lowest 52 mg/dL" or "highest 16.1 mmol/L".</summary>
    public static string ExtremeOf(IStringLocalizer<ConsoleText> L, EventRow e, GlucoseUnit unit) => GlucoseEvents.IsHypo(e.Kind)
        ? L["Review.Event.Lowest", ReviewNumbers.Glucose(e.ExtremeMgdl, unit)]
        : L["Review.Event.Highest", ReviewNumbers.Glucose(e.ExtremeMgdl, unit)];

    /// <summary>An hourly marker of the detail chart: "Carbs 45 g", "Rapid 4.0 U", "Long 12.0 U", "Note: …".</summary>
    public static string MarkerOf(IStringLocalizer<ConsoleText> L, HourlyMarker marker) => marker.Kind switch
    {
        MarkerKind.Carbohydrates => L["Review.Marker.Carbohydrates", ReviewNumbers.Number(marker.Amount ?? 0, 0)],
        MarkerKind.RapidActingInsulin => L["Review.Marker.RapidInsulin", ReviewNumbers.Number(marker.Amount ?? 0, 1)],
        MarkerKind.LongActingInsulin => L["Review.Marker.LongInsulin", ReviewNumbers.Number(marker.Amount ?? 0, 1)],
        _ => L["Review.Marker.Note", marker.Text ?? ""],
    };

    /// <summary>The days the detail chart shows: "2 Dec 2026" or "2 Dec 2026 – 4 Dec 2026"; none for a review without readings.</summary>
    public static string DetailRangeOf(IStringLocalizer<ConsoleText> L, DetailChart detail) => detail.From == default ? L["Review.Detail.NoDays"]
        : detail.From == detail.To ? ReviewNumbers.Date(detail.From) : $"{ReviewNumbers.Date(detail.From)} – {ReviewNumbers.Date(detail.To)}";

    /// <summary>The detail line in words: how many points, from when to when, its lowest and highest value.</summary>
    public static string DetailSummaryOf(IStringLocalizer<ConsoleText> L, DetailChart detail)
    {
        if (detail.Glucose.Count == 0) return L["Review.Detail.NoReadings"];
        var lowest = detail.Glucose.MinBy(p => p.Y);
        var highest = detail.Glucose.MaxBy(p => p.Y);
        string Value(SeriesPoint p) => $"{ReviewNumbers.Value(p.Y, detail.Unit)} {GlucoseUnits.Symbol(detail.Unit)}";
        string Time(SeriesPoint p) => ReviewNumbers.DateTime(ChartTime.FromMilliseconds(p.X));
        return L["Review.Detail.Summary", ReviewNumbers.Count(detail.Glucose.Count), Time(detail.Glucose[0]), Time(detail.Glucose[^1]),
            Value(lowest), Time(lowest), Value(highest), Time(highest)];
    }
}
