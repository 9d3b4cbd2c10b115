namespace Dashboard.Core.Glucose.Store;

/// <summary>
/// Floating local times are stored as the ticks of the wall-clock value, with no zone: compact, ordered, and
/// never converted (DESIGN §7).
/// </summary>
public static class StoreTime
{
    public static long ToTicks(DateTime floating) => floating.Ticks;

    public static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Unspecified);
}
