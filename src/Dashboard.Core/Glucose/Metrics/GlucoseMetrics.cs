namespace Dashboard.Core.Glucose.Metrics;

/// <summary>
/// The DESIGN §8 metrics of one window, unrounded (round only for display). Values that need readings
/// are null when the window has none (SD and CV need two, dt0 needs two).
/// </summary>
public sealed record GlucoseMetrics(
    MetricsWindow Window,
    int Readings,
    DateTime? First,
    DateTime? Last,
    double? MeanMgdl,
    double? SdMgdl,
    double? CvPercent,
    double? GmiPercent,
    double? ActivePercent,
    double? TimeVeryLowPercent,
    double? TimeLowPercent,
    double? TimeInRangePercent,
    double? TimeTightRangePercent,
    double? TimeHighPercent,
    double? TimeVeryHighPercent,
    double? Gri,
    GriZone? GriZone,
    int? Dt0Minutes)
{
    /// <summary>False under 70 % time CGM active (<see cref="ConsensusGoals.ActiveAtLeastPercent"/>): warn that data are too few.</summary>
    public bool HasSufficientData => ActivePercent >= ConsensusGoals.ActiveAtLeastPercent;

    public static GlucoseMetrics Empty(MetricsWindow window) =>
        new(window, 0, null, null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null);
}
