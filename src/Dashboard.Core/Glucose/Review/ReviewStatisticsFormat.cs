namespace Dashboard.Core.Glucose.Review;

/// <summary>Turns the engine's metrics into the text of the Glucose statistics and targets panel.</summary>
public static class ReviewStatisticsFormat
{
    public static ReviewStatistics From(GlucoseMetrics m, DateOnly? firstDay, DateOnly? lastDay, GlucoseUnit unit)
    {
        var days = firstDay is { } f && lastDay is { } l ? l.DayNumber - f.DayNumber + 1 : 0;
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
