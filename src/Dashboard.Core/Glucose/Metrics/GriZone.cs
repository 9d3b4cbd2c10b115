namespace Dashboard.Core.Glucose.Metrics;

/// <summary>Glycemia Risk Index zones (Klonoff 2023): A 0–20, B 21–40, C 41–60, D 61–80, E 81–100.</summary>
public enum GriZone
{
    A,
    B,
    C,
    D,
    E,
}

public static class GriZones
{
    /// <summary>GRI is continuous; a value up to and including a zone's upper bound (20, 40, 60, 80) is in that zone.</summary>
    public static GriZone From(double gri) =>
        gri <= 20 ? GriZone.A : gri <= 40 ? GriZone.B : gri <= 60 ? GriZone.C : gri <= 80 ? GriZone.D : GriZone.E;
}
