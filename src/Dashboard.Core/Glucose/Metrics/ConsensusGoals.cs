namespace Dashboard.Core.Glucose.Metrics;

/// <summary>The goals of the International Consensus on Time in Range (Battelino 2019) shown beside the metrics (DESIGN §8).</summary>
public static class ConsensusGoals
{
    public const double TimeInRangeAbovePercent = 70;
    public const double TimeHighBelowPercent = 25;
    public const double TimeVeryHighBelowPercent = 5;
    public const double TimeLowBelowPercent = 4;
    public const double TimeVeryLowBelowPercent = 1;
    public const double CvAtMostPercent = 36;

    /// <summary>Under this % time CGM active the data are too few to trust the numbers: show a warning.</summary>
    public const double ActiveAtLeastPercent = 70;
}
