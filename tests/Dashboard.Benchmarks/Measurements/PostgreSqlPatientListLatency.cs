using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Patients;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// <see cref="PatientListQuery.PageAsync"/> on PostgreSQL with the data set and filter/sort combinations of
/// <see cref="PatientListLatency"/> (100,000 patients, ~10 M readings in the full run), against a bare indexed
/// <c>SELECT … LIMIT 50</c> on the Users table over the same connection pool.
/// </summary>
public sealed class PostgreSqlPatientListLatency : IMeasurement
{
    private const double GoalMs = 100;

    private const string BareSelect =
        """SELECT "Id", "TeamId", "ClientUserId", "CreatedAt" FROM "Users" WHERE "TeamId" = @team ORDER BY "ClientUserId" LIMIT 50""";

    public string Name => "pg-patients";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var store = await BenchStore.CreateAsync(postgreSql: true);
        var data = await PostgreSqlPatientListData.FillAsync(store.PostgreSqlConnectionString, options.Patients, options.Readings, ct);
        Console.WriteLine($"  generated {options.Patients:N0} patients, {data.Readings:N0} readings on PostgreSQL in {data.Took.TotalSeconds:0.0} s");

        var query = store.Services.GetRequiredService<PatientListQuery>();
        var team = data.TeamIds[3];
        await using var raw = new NpgsqlConnection(store.PostgreSqlConnectionString);
        await raw.OpenAsync(ct);
        var bare = new List<double>();
        for (var i = -3; i < options.QueryRepetitions; i++)
        {
            var ms = await Timing.MsAsync(async () =>
            {
                await using var command = new NpgsqlCommand(BareSelect, raw);
                command.Parameters.AddWithValue("team", team);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                }
            });
            if (i >= 0) bare.Add(ms);
        }
        var baseline = Timing.Percentile(bare, 95);

        var rows = new List<Result>
        {
            new($"PostgreSQL patient list store: {options.Patients:N0} patients, {data.Readings:N0} readings, generated in",
                data.Took.TotalSeconds, "s", null, null, "—", null,
                $"bare indexed SELECT … LIMIT 50 p50 {Timing.Percentile(bare, 50):0.000} ms, p95 {baseline:0.000} ms"),
        };
        foreach (var c in PatientListLatency.Combinations(team))
        {
            var turns = await PatientListLatency.TimePageTurnsAsync(query, data.Scope, c, options.QueryRepetitions, ct);
            var p95 = Timing.Percentile(turns.Turns, 95);
            rows.Add(new Result($"PostgreSQL patient list p95: {c.Label}", p95, "ms", baseline, "bare indexed SELECT … LIMIT 50",
                $"p95 ≤ {GoalMs:0} ms", p95 <= GoalMs,
                $"p50 {Timing.Percentile(turns.Turns, 50):0.0} ms over {options.QueryRepetitions} runs; {turns.Total:N0} matching rows; " +
                $"first page of the filter incl. its count: p95 {Timing.Percentile(turns.WithCount, 95):0.0} ms"));
        }
        return rows;
    }
}
