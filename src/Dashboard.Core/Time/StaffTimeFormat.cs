using System.Globalization;

namespace Dashboard.Core.Time;

/// <summary>
/// How the console places times for staff (issue 16 item 5): instants (stored in UTC) in the person's own time zone,
/// with the UTC instant for a tooltip; device times (floating, DESIGN §7) are never converted. The date format itself
/// (one per language) is the web console's <c>ConsoleDateFormat</c>.
/// </summary>
public static class StaffTimeFormat
{
    /// <summary>The zone used before the person's browser has said which one it is in.</summary>
    public static TimeZoneInfo Fallback => TimeZoneInfo.Utc;

    /// <summary>The label device times carry (shown beside them and read by screen readers).</summary>
    public const string DeviceTimeLabel = "device time";

    /// <summary>The tooltip of a staff time: the instant in UTC, unambiguous in every zone ("2026-12-02 10:05:00 UTC").</summary>
    public static string UtcTitle(DateTime utc) => AsUtc(utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable instant for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTime utc) => AsUtc(utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>An IANA (or Windows) zone id as a zone; the fallback when it is missing or unknown.</summary>
    public static TimeZoneInfo ZoneOf(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : Fallback;

    /// <summary>A stored UTC instant as the wall clock of <paramref name="zone"/> (formatting is the web console's <c>ConsoleDateFormat</c>).</summary>
    public static DateTime ToZone(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), zone);

    // EF Core reads stored instants back as Unspecified: they are UTC by the store's rule (DESIGN §7).
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
