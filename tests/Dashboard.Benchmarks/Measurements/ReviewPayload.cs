using System.IO.Compression;
using System.Text.Json;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Glucose;
using LibreView.Simulator;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// Chart data of the review page for a 90-day Libre 3 patient from the simulator's generator, as JSON bytes, against
/// the raw points as JSON. <c>src/Dashboard.Core/Glucose/Review/</c> does not exist in this branch, so the payload is
/// one of our own construction, shaped as issue 8 asks: the AGP (96 slots × 5 percentiles), a daily profile per day
/// (LTTB to <see cref="DailyPoints"/> points) and the detail line over the period (LTTB to 2,000 points).
/// </summary>
public sealed class ReviewPayload : IMeasurement
{
    private const int Days = 90;
    private const int DetailPoints = 2_000;
    private const int DailyPoints = 48;
    private const double GoalKb = 150;

    public string Name => "payload";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var sim = await SimulatorServer.StartAsync(ct: ct);
        var patient = sim.State.CreateAccount(new AccountSeed { Email = "review@example.org", Password = "Libre-Passw0rd!", Sensor = "libre3" });
        var to = DateTimeOffset.UtcNow;
        var readings = patient.Data!.Historic(to.AddDays(-Days), to)
            .Select(r => new GlucoseReading(r.Local, r.MgPerDl, GlucoseUnit.MgPerDl))
            .ToArray();
        var series = GlucoseSeries.From(readings);

        var raw = JsonSerializer.SerializeToUtf8Bytes(series.Readings.ToArray().Select(r => new { timestamp = r.Timestamp, value = r.Value }));
        byte[] payload = [];
        var serverMs = Timing.MedianMs(options.EngineRuns, () => payload = JsonSerializer.SerializeToUtf8Bytes(Build(series)));
        var kb = payload.Length / 1024.0;
        return
        [
            new Result($"Review chart payload, 90-day Libre 3 ({series.Count:N0} readings)", kb, "KB", raw.Length / 1024.0,
                "raw points as JSON", $"≤ {GoalKb:0} KB", kb <= GoalKb,
                $"own construction (no Glucose/Review/ in this branch): AGP 96 slots + {Days} daily profiles LTTB→{DailyPoints} " +
                $"+ detail LTTB→{DetailPoints}, [unix ms, value] pairs; built and serialized in {serverMs:0.0} ms (median); " +
                $"gzip {Gzip(payload) / 1024.0:0} KB vs raw gzip {Gzip(raw) / 1024.0:0} KB"),
        ];
    }

    private static object Build(GlucoseSeries series)
    {
        var agp = AgpProfile.Compute(series.Readings)
            .Select(s => new[] { s.P5, s.P25, s.P50, s.P75, s.P95 }.Select(v => v is { } x ? Math.Round(x) : (double?)null).ToArray());
        var points = ChartPoint.From(series.Readings, GlucoseUnit.MgPerDl);
        var daily = points.GroupBy(p => DateOnly.FromDateTime(p.Time)).Select(day => new
        {
            date = day.Key,
            points = Pairs(LargestTriangleThreeBuckets.Downsample(day.ToArray(), DailyPoints)),
        });
        return new
        {
            metrics = GlucoseMetricsCalculator.Compute(series, MetricsWindow.LastDays(Days)),
            agp,
            daily,
            detail = Pairs(LargestTriangleThreeBuckets.Downsample(points, DetailPoints)),
        };
    }

    /// <summary>ApexCharts' datetime axis takes [epoch ms, y]; floating local time is written as if it were UTC.</summary>
    private static IEnumerable<double[]> Pairs(IEnumerable<ChartPoint> points) =>
        points.Select(p => new[] { (p.Time - DateTime.UnixEpoch).TotalMilliseconds, Math.Round(p.Value) });

    private static long Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.Length;
    }
}
