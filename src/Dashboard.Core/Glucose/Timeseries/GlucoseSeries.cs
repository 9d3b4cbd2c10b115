using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Timeseries;

/// <summary>
/// Automatic readings made ready for the metrics (DESIGN §8): sorted by floating local time, and of
/// readings sharing a timestamp only the first given is kept. Build it once, then compute metrics, AGP
/// and chart points for as many windows as needed.
/// </summary>
public sealed class GlucoseSeries
{
    private readonly GlucoseReading[] _readings;

    private GlucoseSeries(GlucoseReading[] readings) => _readings = readings;

    public static GlucoseSeries Empty { get; } = new([]);

    /// <summary>Pass automatic (historic) readings only; scans, strips and ketones are not part of the metrics.</summary>
    public static GlucoseSeries From(ReadOnlySpan<GlucoseReading> readings)
    {
        var copy = readings.ToArray();
        if (!IsSorted(copy))
        {
            copy = [.. copy.OrderBy(r => r.Timestamp)]; // a stable sort: the first of equal timestamps stays first
        }

        var kept = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            if (kept > 0 && copy[kept - 1].Timestamp == copy[i].Timestamp) continue;
            copy[kept++] = copy[i];
        }

        return new GlucoseSeries(kept == copy.Length ? copy : copy[..kept]);
    }

    public static GlucoseSeries From(IEnumerable<GlucoseReading> readings) => From(readings.ToArray().AsSpan());

    public ReadOnlySpan<GlucoseReading> Readings => _readings;

    public int Count => _readings.Length;

    public ReadOnlySpan<GlucoseReading> In(MetricsWindow window) => window.Select(_readings);

    private static bool IsSorted(GlucoseReading[] readings)
    {
        for (var i = 1; i < readings.Length; i++)
        {
            if (readings[i].Timestamp < readings[i - 1].Timestamp) return false;
        }

        return true;
    }
}
