namespace Dashboard.Core.Glucose;

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
    /// <summary>Consensus: fewer than 70 % of the expected readings is too little data to trust the numbers.</summary>
    public const double SufficientActivePercent = 70;

    public bool HasSufficientData => ActivePercent >= SufficientActivePercent;

    public static GlucoseMetrics Empty(MetricsWindow window) =>
        new(window, 0, null, null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null);
}
