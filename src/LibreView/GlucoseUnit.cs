namespace LibreView;

/// <summary>
/// The unit a glucose value was measured or is shown in: the one type for it, from LibreView's reports and exports to
/// the console's charts (issue 20 item 4 folded three enums into it). Stored as its number
/// (<c>Readings.MeasuredUnit</c>, <c>StaffPreferences.GlucoseUnit</c>): the values are fixed.
/// </summary>
public enum GlucoseUnit
{
    MgPerDl = 0,
    MmolPerL = 1,
}
