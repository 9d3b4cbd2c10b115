using System.Diagnostics;

namespace Dashboard.Core.Glucose;

/// <summary>Figures for the benchmark program (tests/Dashboard.Benchmarks): milliseconds per operation, median of the runs.</summary>
public sealed record GlucoseTimings(int Readings, double MetricsMs, double AgpMs, double LttbMs, int LttbPoints);

/// <summary>
/// A deterministic synthetic CGM series and a timing of the glucose engine on it, so a benchmark
/// program can print the figures of issue 8 (metrics for 90 days of 5-minute data, target &lt; 5 ms).
/// </summary>
public static class GlucoseBenchmark
{
    /// <summary>Readings every 5 minutes for the given days from 2025-01-01 00:00: a daily wave, meal peaks and noise, 40–400 mg/dL.</summary>
    public static GlucoseReading[] FiveMinuteSeries(int days = 90, int seed = 1)
    {
        var random = new Random(seed);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var readings = new GlucoseReading[days * 24 * 12];
        for (var i = 0; i < readings.Length; i++)
        {
            var time = start.AddMinutes(5 * i);
            var hour = time.TimeOfDay.TotalHours;
            var wave = 130 + 30 * Math.Sin(2 * Math.PI * (hour - 9) / 24);
            var meals = 70 * (Peak(hour, 8.5) + Peak(hour, 13) + Peak(hour, 19.5));
            var value = Math.Clamp(wave + meals + random.NextDouble() * 30 - 15, 40, 400);
            readings[i] = new GlucoseReading(time, Math.Round(value), GlucoseUnit.MgPerDl);
        }

        return readings;
    }

    /// <summary>Times the metrics, the AGP percentiles and LTTB (to <paramref name="chartPoints"/>) on a 90-day 5-minute series.</summary>
    public static GlucoseTimings Measure(int runs = 25, int days = 90, int chartPoints = 2000)
    {
        var series = GlucoseSeries.From(FiveMinuteSeries(days));
        var window = MetricsWindow.LastDays(days);
        var points = ChartPoint.From(series.Readings, GlucoseUnit.MgPerDl);
        var downsampled = 0;
        var metricsMs = MedianMs(runs, () => GlucoseMetricsCalculator.Compute(series, window));
        var agpMs = MedianMs(runs, () => AgpProfile.Compute(series.In(window)));
        var lttbMs = MedianMs(runs, () => downsampled = LargestTriangleThreeBuckets.Downsample(points, chartPoints).Length);
        return new GlucoseTimings(series.Count, metricsMs, agpMs, lttbMs, downsampled);
    }

    private static double Peak(double hour, double at) => Math.Exp(-Math.Pow((hour - at) / 1.2, 2));

    private static double MedianMs(int runs, Action action)
    {
        action(); // warm-up: JIT and caches
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }
}
