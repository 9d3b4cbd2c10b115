using System.Globalization;

namespace LibreView.Wire;

/// <summary>
/// LibreView writes times as <c>M/d/yyyy h:mm:ss AM/PM</c> in the invariant culture.
/// <c>Timestamp</c> is the device's wall clock (floating, no zone); <c>FactoryTimestamp</c> is UTC.
/// </summary>
public static class LibreTimestamp
{
    public const string Format = "M/d/yyyy h:mm:ss tt";

    public static string Write(DateTime value) => value.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses a device-local time: the result has <see cref="DateTimeKind.Unspecified"/> and is never converted.</summary>
    public static DateTime ParseFloating(string text) =>
        DateTime.SpecifyKind(ParseExact(text), DateTimeKind.Unspecified);

    /// <summary>Parses a factory (UTC) time.</summary>
    public static DateTimeOffset ParseUtc(string text) =>
        new(DateTime.SpecifyKind(ParseExact(text), DateTimeKind.Utc));

    private static DateTime ParseExact(string text) =>
        DateTime.ParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
