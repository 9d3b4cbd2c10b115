using System.Globalization;

namespace Dashboard.Core.Time;

/// <summary>
/// How the console shows times to staff (issue 16 item 5): instants (stored in UTC) in the person's own time zone, in
/// one date format per language, with the UTC instant for a tooltip; device times (floating, DESIGN §7) as the meter's
/// wall clock, never converted, and labelled as such. Every page formats through here, so a page cannot mix formats.
/// </summary>
public static class StaffTimeFormat
{
    /// <summary>The zone used before the person's browser has said which one it is in.</summary>
    public static TimeZoneInfo Fallback => TimeZoneInfo.Utc;

    /// <summary>The label device times carry (shown beside them and read by screen readers).</summary>
    public const string DeviceTimeLabel = "device time";

    /// <summary>The one date-and-time pattern of a language: "2 Dec 2026 11:05" in English, "02.12.2026 11:05" in German.</summary>
    public static string DateTimePattern(CultureInfo culture) => IsGerman(culture) ? "dd.MM.yyyy HH:mm" : "d MMM yyyy HH:mm";

    /// <summary>The one date pattern of a language: "2 Dec 2026", "02.12.2026".</summary>
    public static string DatePattern(CultureInfo culture) => IsGerman(culture) ? "dd.MM.yyyy" : "d MMM yyyy";

    /// <summary>A stored UTC instant as the person's wall clock in <paramref name="zone"/>.</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone, CultureInfo culture) =>
        ToZone(utc, zone).ToString(DateTimePattern(culture), FormatOf(culture));

    /// <summary>A stored UTC instant's date in <paramref name="zone"/>.</summary>
    public static string LocalDate(DateTime utc, TimeZoneInfo zone, CultureInfo culture) =>
        ToZone(utc, zone).ToString(DatePattern(culture), FormatOf(culture));

    /// <summary>The tooltip of a staff time: the instant in UTC, unambiguous in every zone ("2026-12-02 10:05:00 UTC").</summary>
    public static string UtcTitle(DateTime utc) => AsUtc(utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable instant for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTime utc) => AsUtc(utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A device time as the meter showed it: the same pattern, no conversion.</summary>
    public static string Device(DateTime floating, CultureInfo culture) => floating.ToString(DateTimePattern(culture), FormatOf(culture));

    /// <summary>An IANA (or Windows) zone id as a zone; the fallback when it is missing or unknown.</summary>
    public static TimeZoneInfo ZoneOf(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : Fallback;

    private static DateTime ToZone(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), zone);

    // EF Core reads stored instants back as Unspecified: they are UTC by the store's rule (DESIGN §7).
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static bool IsGerman(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de";

    // English month names stay the invariant ones ("Dec"), so an en-US and en-GB person read the same text.
    private static IFormatProvider FormatOf(CultureInfo culture) => IsGerman(culture) ? culture : CultureInfo.InvariantCulture;
}
