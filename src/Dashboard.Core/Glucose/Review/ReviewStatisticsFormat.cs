using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Review;

/// <summary>Turns the engine's metrics into the text of the Glucose statistics and targets panel.</summary>
public static class ReviewStatisticsFormat
{
    /// <param name="period">
    /// A preset is N × 24 hours back from the newest reading, which touches N + 1 calendar dates; its length is N days
    /// (the "14-day" review said "15 days" when it counted the dates). A custom range is its whole days.
    /// </param>
    public static ReviewStatistics From(GlucoseMetrics m, DateOnly? firstDay, DateOnly? lastDay, GlucoseUnit unit, ReviewPeriod period)
    {
        var days = !period.IsCustom ? period.Days
            : firstDay is { } f && lastDay is { } l ? l.DayNumber - f.DayNumber + 1 : 0;
        return new ReviewStatistics(
            firstDay is { } from && lastDay is { } to ? $"{GlucoseFormat.Date(from)} – {GlucoseFormat.Date(to)}" : GlucoseFormat.NoValue,
            days == 1 ? "1 day" : $"{days} days",
            GlucoseFormat.Percent(m.ActivePercent),
            m.HasSufficientData,
            GlucoseFormat.Glucose(m.MeanMgdl, unit),
            GlucoseFormat.Percent(m.GmiPercent),
            GlucoseFormat.Percent(m.CvPercent),
            ReviewGoals.MeetsCvGoal(m.CvPercent),
            GlucoseFormat.Glucose(m.SdMgdl, unit),
            GlucoseFormat.Percent(m.TimeTightRangePercent),
            m.Gri is { } gri ? GlucoseFormat.Number(gri, 1) : GlucoseFormat.NoValue,
            m.GriZone?.ToString() ?? GlucoseFormat.NoValue,
            m.Readings);
    }
}
