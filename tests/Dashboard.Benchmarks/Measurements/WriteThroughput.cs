using System.Diagnostics;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Core.Glucose.Synthetic;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// Readings stored per second through <see cref="ReadingWriter"/> (prepared upserts, one transaction) against a raw
/// <c>Microsoft.Data.Sqlite</c> prepared-insert loop in one transaction into the same migrated schema. Each side
/// writes into its own fresh file; the sides alternate and the median rate of each is reported.
/// </summary>
public sealed class WriteThroughput : IMeasurement
{
    private const string RawInsert = """
        INSERT INTO Readings (UserId, ConnectionId, Timestamp, Kind, ValueMgdl, MeasuredValue, MeasuredUnit, DeviceSerial, Source)
        VALUES ($user, $connection, $timestamp, $kind, $mgdl, $value, $unit, $serial, $source)
        """;

    public string Name => "write";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var readings = Readings(options.WriteReadings);
        var (value, baseline) = await AlternatingMediansAsync(options.WriteRepetitions, () => WriterRateAsync(readings, ct), () => RawRateAsync(readings, ct));

        return
        [
            new Result("Readings stored/s via ReadingWriter", value, "readings/s", baseline, "raw prepared INSERT loop",
                "≥ 0.5 × raw", value >= 0.5 * baseline,
                $"{readings.Length:N0} readings per write into a fresh file, median of {options.WriteRepetitions}; " +
                "the writer upserts (ON CONFLICT … DO UPDATE) through ExecuteNonQueryAsync, the raw loop plain-INSERTs synchronously"),
        ];
    }

    /// <summary>
    /// The median rate of each side over <paramref name="repetitions"/> rounds, after one untimed round each to JIT both
    /// paths; the sides alternate so drift on a shared machine hits both.
    /// </summary>
    internal static async Task<(double Subject, double Baseline)> AlternatingMediansAsync(int repetitions, Func<Task<double>> subject, Func<Task<double>> baseline)
    {
        var subjectRates = new List<double>();
        var baselineRates = new List<double>();
        for (var round = -1; round < repetitions; round++)
        {
            var s = await subject();
            var b = await baseline();
            if (round >= 0)
            {
                subjectRates.Add(s);
                baselineRates.Add(b);
            }
        }
        return (Timing.Percentile(subjectRates, 50), Timing.Percentile(baselineRates, 50));
    }

    /// <summary>90-day 5-minute series laid end to end, one synthetic patient per 25,920 readings.</summary>
    internal static ReadingInput[] Readings(int count)
    {
        var series = GlucoseBenchmark.FiveMinuteSeries(days: (count + 287) / 288);
        return series.Take(count)
            .Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit, "ABC1234567"))
            .ToArray();
    }

    private static async Task<double> WriterRateAsync(ReadingInput[] readings, CancellationToken ct)
    {
        await using var store = await BenchStore.CreateAsync();
        var writer = store.Services.GetRequiredService<ReadingWriter>();
        var started = Stopwatch.GetTimestamp();
        await writer.WriteAsync(Guid.NewGuid(), Guid.NewGuid(), DataSources.LibreView, readings, [], ct);
        return readings.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> RawRateAsync(ReadingInput[] readings, CancellationToken ct)
    {
        await using var store = await BenchStore.CreateAsync();
        using var connection = store.OpenRaw();
        var started = Stopwatch.GetTimestamp();
        using (var transaction = connection.BeginTransaction())
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = RawInsert;
            command.Parameters.AddWithValue("$user", Guid.NewGuid().ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("$connection", Guid.NewGuid().ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("$source", DataSources.LibreView);
            var timestamp = command.Parameters.Add("$timestamp", SqliteType.Integer);
            var kind = command.Parameters.Add("$kind", SqliteType.Integer);
            var mgdl = command.Parameters.Add("$mgdl", SqliteType.Real);
            var value = command.Parameters.Add("$value", SqliteType.Real);
            var unit = command.Parameters.Add("$unit", SqliteType.Integer);
            var serial = command.Parameters.Add("$serial", SqliteType.Text);
            command.Prepare();
            foreach (var r in readings)
            {
                ct.ThrowIfCancellationRequested();
                timestamp.Value = r.Timestamp.Ticks;
                kind.Value = (int)r.Kind;
                mgdl.Value = GlucoseUnits.ToMgPerDl(r.MeasuredValue, r.MeasuredUnit);
                value.Value = r.MeasuredValue;
                unit.Value = (int)r.MeasuredUnit;
                serial.Value = (object?)r.DeviceSerial ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return readings.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
