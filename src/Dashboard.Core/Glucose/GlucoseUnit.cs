namespace Dashboard.Core.Glucose;

/// <summary>The one place the mmol/L ↔ mg/dL factor lives (DESIGN §7: 1 mmol/L = 18.0182 mg/dL, unrounded).</summary>
public static class GlucoseUnits
{
    public const double MgPerDlPerMmolPerL = 18.0182;

    public static double ToMgPerDl(double value, GlucoseUnit unit) =>
        unit == GlucoseUnit.MmolPerL ? value * MgPerDlPerMmolPerL : value;

    public static double FromMgPerDl(double mgPerDl, GlucoseUnit unit) =>
        unit == GlucoseUnit.MmolPerL ? mgPerDl / MgPerDlPerMmolPerL : mgPerDl;

    public static string Symbol(GlucoseUnit unit) => unit == GlucoseUnit.MmolPerL ? "mmol/L" : "mg/dL";

    /// <summary>"mg/dL", "mgdl", "mmol/L", "mmol" (any case) as a unit; null for anything else.</summary>
    public static GlucoseUnit? TryParse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "mg/dl" or "mgdl" or "mg" => GlucoseUnit.MgPerDl,
        "mmol/l" or "mmol" or "mmoll" => GlucoseUnit.MmolPerL,
        _ => null,
    };
}
