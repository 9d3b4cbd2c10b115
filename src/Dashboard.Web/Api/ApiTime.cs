using System.Globalization;

namespace Dashboard.Web.Api;

/// <summary>How the API writes times.</summary>
internal static class ApiTime
{
    /// <summary>A UTC instant (creation times, error times): ISO 8601 with <c>+00:00</c>.</summary>
    public static string Utc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Floating device-local time (DESIGN §7): the wall clock as shown, never shifted; the <c>+00:00</c>
    /// is a formality of the wire format and <c>timezone_offset</c> is null beside it.
    /// </summary>
    public static string Floating(DateTime local) => local.ToString(FloatingFormat, CultureInfo.InvariantCulture);

    /// <summary>The format of <see cref="Floating"/>, for writers that format into a buffer.</summary>
    public const string FloatingFormat = "yyyy-MM-dd'T'HH:mm:ss'+00:00'";

    /// <summary>A calendar date: <c>YYYY-MM-DD</c>.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
