using System.Diagnostics;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// Readings stored per second through the PostgreSQL <see cref="ReadingWriter"/> (binary COPY into a temporary table,
/// then one INSERT … ON CONFLICT) against a raw binary COPY straight into the Readings table of the same migrated
/// schema. Each side writes into its own fresh database; the sides alternate and the median rate of each is reported.
/// </summary>
public sealed class PostgreSqlWriteThroughput : IMeasurement
{
    public string Name => "pg-write";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var readings = WriteThroughput.Readings(options.WriteReadings);
        var (value, baseline) = await WriteThroughput.AlternatingMediansAsync(options.WriteRepetitions,
            () => WriterRateAsync(readings, ct), () => RawCopyRateAsync(readings, ct));

        return
        [
            new Result("PostgreSQL: readings stored/s via ReadingWriter", value, "readings/s", baseline, "raw binary COPY into Readings",
                "≥ 0.5 × raw", value >= 0.5 * baseline,
                $"{readings.Length:N0} readings per write into a fresh database, median of {options.WriteRepetitions}; " +
                "the writer COPYs into a temporary table and merges with INSERT … ON CONFLICT DO UPDATE (idempotent), the raw side COPYs straight in"),
        ];
    }

    private static async Task<double> WriterRateAsync(ReadingInput[] readings, CancellationToken ct)
    {
        await using var store = await BenchStore.CreateAsync(postgreSql: true);
        var writer = store.Services.GetRequiredService<ReadingWriter>();
        var started = Stopwatch.GetTimestamp();
        await writer.WriteAsync(Guid.NewGuid(), Guid.NewGuid(), DataSources.LibreView, readings, [], ct);
        return readings.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> RawCopyRateAsync(ReadingInput[] readings, CancellationToken ct)
    {
        await using var store = await BenchStore.CreateAsync(postgreSql: true);
        await using var connection = new NpgsqlConnection(store.PostgreSqlConnectionString);
        await connection.OpenAsync(ct);
        var (user, link) = (Guid.NewGuid(), Guid.NewGuid());
        var started = Stopwatch.GetTimestamp();
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY "Readings" ("UserId", "ConnectionId", "Timestamp", "Kind", "ValueMgdl", "MeasuredValue", "MeasuredUnit", "DeviceSerial", "Source") FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                foreach (var r in readings)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(user, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(link, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(r.Timestamp.Ticks, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync((int)r.Kind, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(GlucoseUnits.ToMgPerDl(r.MeasuredValue, r.MeasuredUnit), NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(r.MeasuredValue, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync((int)r.MeasuredUnit, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.DeviceSerial ?? "", NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(DataSources.LibreView, NpgsqlDbType.Text, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        return readings.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
