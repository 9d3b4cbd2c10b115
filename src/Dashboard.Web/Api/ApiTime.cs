using System.Globalization;

namespace Dashboard.Web.Api;

/// <summary>How the API writes times.</summary>
internal static class ApiTime
{
    /// <summary>A UTC instant (creation times, error times): ISO 8601 with <c>+00:00</c>.</summary>
    public static string Utc(DateTime utc) => utc.ToString(SortableFormat, CultureInfo.InvariantCulture) + ZeroOffset;

    /// <summary>
    /// Floating device-local time (DESIGN §7): the wall clock as shown, never shifted; the <c>+00:00</c>
    /// is a formality of the wire format and <c>timezone_offset</c> is null beside it.
    /// </summary>
    public static string Floating(DateTime local) => local.ToString(SortableFormat, CultureInfo.InvariantCulture) + ZeroOffset;

    /// <summary>The bytes <see cref="FormatFloating"/> writes at most.</summary>
    public const int FloatingLength = 32;

    /// <summary>
    /// <see cref="Floating"/> as UTF-8 into <paramref name="utf8"/> (at least <see cref="FloatingLength"/> bytes), for
    /// writers that stream thousands of samples. Returns the bytes written.
    /// </summary>
    public static int FormatFloating(DateTime local, Span<byte> utf8)
    {
        local.TryFormat(utf8, out var written, SortableFormat, CultureInfo.InvariantCulture);
        ZeroOffsetUtf8.CopyTo(utf8[written..]);
        return written + ZeroOffsetUtf8.Length;
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c>, the standard sortable format: .NET writes it on a fast path, where a custom format
    /// string (<c>yyyy-MM-dd'T'HH:mm:ss</c>) is interpreted on every call (a 14-day glucose answer formats ~20,000).
    /// </summary>
    private const string SortableFormat = "s";

    private const string ZeroOffset = "+00:00";

    private static ReadOnlySpan<byte> ZeroOffsetUtf8 => "+00:00"u8;

    /// <summary>A calendar date: <c>YYYY-MM-DD</c>.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
