using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Agp;
using Dashboard.Core.Glucose.Downsampling;
using Dashboard.Core.Glucose.Timeseries;
using Dashboard.Core.Glucose.Synthetic;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// The metrics engine on 90 days of 5-minute data: the DESIGN §8 metrics against a plain loop summing the values
/// (the floor any pass over the data pays), the AGP percentiles, and LTTB of 26,000 points to 2,000. Warmed up; medians.
/// </summary>
public sealed class GlucoseEngine : IMeasurement
{
    private const int Days = 90;
    private const int ChartPoints = 2_000;

    public string Name => "engine";

    public Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var series = GlucoseSeries.From(GlucoseBenchmark.FiveMinuteSeries(Days));
        var window = MetricsWindow.LastDays(Days);
        var points = ChartPoint.From(series.Readings, GlucoseUnit.MgPerDl);
        var runs = options.EngineRuns;

        var sum = 0.0;
        var loopMs = Timing.MedianMs(runs, () => sum += SumValues(series.Readings));
        var metricsMs = Timing.MedianMs(runs, () => GlucoseMetricsCalculator.Compute(series, window));
        var agpMs = Timing.MedianMs(runs, () => AgpProfile.Compute(series.In(window)));
        var downsampled = 0;
        var lttbMs = Timing.MedianMs(runs, () => downsampled = LargestTriangleThreeBuckets.Downsample(points, ChartPoints).Length);
        GC.KeepAlive(sum);

        IReadOnlyList<Result> rows =
        [
            new Result($"Metrics, 90 days of 5-min data ({series.Count:N0} readings)", metricsMs, "ms", loopMs, "loop summing the values",
                "≤ 5 ms", metricsMs <= 5, $"median of {runs} after warm-up"),
            new Result("AGP percentiles, 90 days (96 slots × 5 percentiles)", agpMs, "ms", null, null, "≤ 20 ms", agpMs <= 20),
            new Result($"LTTB {points.Length:N0} → {downsampled:N0} points", lttbMs, "ms", null, null, "≤ 2 ms", lttbMs <= 2),
        ];
        return Task.FromResult(rows);
    }

    private static double SumValues(ReadOnlySpan<GlucoseReading> readings)
    {
        var total = 0.0;
        foreach (var r in readings)
        {
            total += r.MgPerDl;
        }
        return total;
    }
}
