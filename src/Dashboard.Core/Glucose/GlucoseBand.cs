namespace Dashboard.Core.Glucose;

/// <summary>The five consensus ranges (International Consensus on Time in Range, Battelino 2019).</summary>
public enum GlucoseBand
{
    VeryLow,
    Low,
    InRange,
    High,
    VeryHigh,
}

/// <summary>
/// Judges a reading in the unit it was measured in, with that unit's consensus bounds (DESIGN §8), so
/// 10.0 mmol/L is in range as LibreView reports it although 10.0 × 18.0182 = 180.18 mg/dL.
/// </summary>
public static class GlucoseBands
{
    /// <summary>Bounds of one unit: very low &lt; VeryLowBelow ≤ low &lt; LowBelow ≤ target ≤ TargetUpTo &lt; high ≤ HighUpTo &lt; very high.</summary>
    public sealed record Bounds(double VeryLowBelow, double LowBelow, double TargetUpTo, double HighUpTo, double TightUpTo);

    public static readonly Bounds MgPerDl = new(54, 70, 180, 250, 140);
    public static readonly Bounds MmolPerL = new(3.0, 3.9, 10.0, 13.9, 7.8);

    public static Bounds For(GlucoseUnit unit) => unit == GlucoseUnit.MmolPerL ? MmolPerL : MgPerDl;

    public static GlucoseBand Classify(double value, GlucoseUnit unit)
    {
        var b = For(unit);
        return value < b.VeryLowBelow ? GlucoseBand.VeryLow
            : value < b.LowBelow ? GlucoseBand.Low
            : value <= b.TargetUpTo ? GlucoseBand.InRange
            : value <= b.HighUpTo ? GlucoseBand.High
            : GlucoseBand.VeryHigh;
    }

    /// <summary>Tight range: 70–140 mg/dL or 3.9–7.8 mmol/L, both inclusive.</summary>
    public static bool IsTight(double value, GlucoseUnit unit)
    {
        var b = For(unit);
        return value >= b.LowBelow && value <= b.TightUpTo;
    }
}
