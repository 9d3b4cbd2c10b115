namespace Dashboard.Core.Glucose;

/// <summary>
/// One automatic (historic) CGM reading on floating local time (DESIGN §7: the device's wall clock, no
/// zone, Kind Unspecified), with the value and unit it was measured in.
/// </summary>
public readonly record struct GlucoseReading(DateTime Timestamp, double Value, GlucoseUnit Unit)
{
    public double MgPerDl => GlucoseUnits.ToMgPerDl(Value, Unit);
}
