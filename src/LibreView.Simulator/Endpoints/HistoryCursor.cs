using System.Globalization;
using System.Text;

namespace LibreView.Simulator.Endpoints;

/// <summary>The opaque cursor of the history endpoint: where the next page starts.</summary>
internal static class HistoryCursor
{
    public static readonly TimeSpan PageLength = TimeSpan.FromDays(1);

    public static string Encode(DateTimeOffset pageStart) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"v1:{pageStart.UtcTicks}"));

    public static DateTimeOffset? Decode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("v1:", StringComparison.Ordinal) && long.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? new DateTimeOffset(s, TimeSpan.Zero)
                : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
