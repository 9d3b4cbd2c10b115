namespace LibreView.Wire;

/// <summary>
/// Report times are epoch seconds of the device's wall clock read as if it were UTC (reference §7): they become
/// floating local times (<see cref="DateTimeKind.Unspecified"/>) and back, with no zone applied.
/// </summary>
public static class ReportTime
{
    public static DateTime ToFloating(long epochSeconds) =>
        DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(epochSeconds), DateTimeKind.Unspecified);

    public static long FromFloating(DateTime floating) =>
        (long)(DateTime.SpecifyKind(floating, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
}
