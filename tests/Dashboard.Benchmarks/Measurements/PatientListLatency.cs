using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Connections;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// <see cref="PatientListQuery.PageAsync"/> (count + one page of 50) on a store of 100,000 patients and ~10 M readings,
/// for five filter/sort combinations, against a bare indexed <c>SELECT … LIMIT 50</c> on the Users table. For each
/// combination the SQL EF sent is captured, timed on its own and explained (EXPLAIN QUERY PLAN), so a miss names its cause.
/// </summary>
public sealed class PatientListLatency : IMeasurement
{
    private const int PageSize = 50;
    private const double GoalMs = 100;

    private const string BareSelect =
        "SELECT Id, TeamId, ClientUserId, CreatedAt FROM Users WHERE TeamId = $team ORDER BY ClientUserId LIMIT 50";

    public string Name => "patients";

    private sealed record Measured(double P50, double P95, int Total, string Explained);

    internal sealed record Combination(string Label, PatientListFilter Filter, PatientSortColumn Sort, bool Descending, int Page);

    /// <summary>Page turns of one filter/sort: the first (counting) pages, then turns that reuse the count, as the grid does.</summary>
    internal sealed record PageTurns(List<double> WithCount, List<double> Turns, int Total);

    /// <summary>The filter/sort combinations every engine's row measures.</summary>
    internal static Combination[] Combinations(Guid team) =>
    [
        new("all, client id ↑, page 1", new PatientListFilter(), PatientSortColumn.ClientUserId, false, 0),
        new("credential error, created ↓", new PatientListFilter(Health: ConnectionHealth.CredentialError), PatientSortColumn.Created, true, 0),
        new("FreeStyle Libre + region eu, team ↑, page 21", new PatientListFilter(Provider: Providers.FreeStyleLibre, Region: "eu"),
            PatientSortColumn.Team, false, 20),
        new("search \"0421\" (trigram index), client id ↓", new PatientListFilter(Search: "0421"), PatientSortColumn.ClientUserId, true, 0),
        new("one team, status ↓, page 41", new PatientListFilter(TeamId: team), PatientSortColumn.Status, true, 40),
        new("search \"12\" (under 3 characters: scan), client id ↓", new PatientListFilter(Search: "12"), PatientSortColumn.ClientUserId, true, 0),
    ];

    /// <summary>
    /// The grid counts a filter's rows once and passes the total back for every later page or sort (knownTotal), so a
    /// page turn is what a person waits for; the first page of a new filter also counts (reported beside it).
    /// </summary>
    internal static async Task<PageTurns> TimePageTurnsAsync(PatientListQuery query, Dashboard.Core.Access.StaffScope scope, Combination c,
        int repetitions, CancellationToken token)
    {
        var counted = await query.PageAsync(scope, c.Filter, c.Sort, c.Descending, c.Page, PageSize, token);
        var withCount = new List<double>();
        for (var i = 0; i < Math.Max(3, repetitions / 4); i++)
        {
            withCount.Add(await Timing.MsAsync(() => query.PageAsync(scope, c.Filter, c.Sort, c.Descending, c.Page, PageSize, token)));
        }
        var times = new List<double>();
        var total = 0;
        for (var i = -2; i < repetitions; i++)
        {
            token.ThrowIfCancellationRequested();
            var ms = await Timing.MsAsync(async () => total = (await query.PageAsync(scope, c.Filter, c.Sort, c.Descending, c.Page, PageSize, token, counted.Total)).Total);
            if (i >= 0)
            {
                times.Add(ms);
            }
        }
        return new PageTurns(withCount, times, total);
    }

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var capture = new SqlCapture();
        await using var store = await BenchStore.CreateAsync(configure: services =>
            services.ConfigureDbContext<DashboardDbContext>(o => o.AddInterceptors(capture), ServiceLifetime.Singleton));
        var data = PatientListData.Fill(store.ConnectionString, options.Patients, options.Readings);
        Console.WriteLine($"  generated {options.Patients:N0} patients, {data.Readings:N0} readings in {data.Took.TotalSeconds:0.0} s ({data.Cpu.TotalSeconds:0.0} s CPU)");

        var query = store.Services.GetRequiredService<PatientListQuery>();
        var team = data.TeamIds[3];
        var combinations = Combinations(team);

        using var raw = store.OpenRaw();
        var baseline = Percentiles(options.QueryRepetitions, () => ReadAll(raw, BareSelect, [("$team", team.ToString().ToUpperInvariant())]));

        var rows = new List<Result>();
        foreach (var c in combinations)
        {
            var run = await MeasureAsync(c, options.QueryRepetitions, ct);
            rows.Add(new Result($"Patient list p95: {c.Label}", run.P95, "ms", baseline.P95, "bare indexed SELECT … LIMIT 50",
                $"p95 ≤ {GoalMs:0} ms", run.P95 <= GoalMs,
                $"p50 {run.P50:0.0} ms over {options.QueryRepetitions} runs; {run.Total:N0} matching rows; {run.Explained}"));
        }

        async Task<Measured> MeasureAsync(Combination c, int repetitions, CancellationToken token)
        {
            var turns = await TimePageTurnsAsync(query, data.Scope, c, repetitions, token);
            var commands = await capture.CaptureAsync(() => query.PageAsync(data.Scope, c.Filter, c.Sort, c.Descending, c.Page, PageSize, token, turns.Total));
            var breakdown = string.Join(" + ", commands.Select(command =>
                $"{(command.Sql.Contains("COUNT(*)", StringComparison.Ordinal) ? "count" : "page")} {TimeRaw(raw, command):0.0} ms"));
            var plans = string.Join(" | ", commands.Select(command => PlanSummary(raw, command)));
            return new Measured(Timing.Percentile(turns.Turns, 50), Timing.Percentile(turns.Turns, 95), turns.Total,
                $"first page of the filter incl. its count: p95 {Timing.Percentile(turns.WithCount, 95):0.0} ms; SQL alone: {breakdown}; plan: {plans}");
        }

        rows.Insert(0, new Result($"Patient list store: {options.Patients:N0} patients, {data.Readings:N0} readings, generated in",
            data.Took.TotalSeconds, "s", null, null, "—", null,
            $"{data.Cpu.TotalSeconds:0} s CPU; bare indexed SELECT … LIMIT 50 p50 {baseline.P50:0.000} ms, p95 {baseline.P95:0.000} ms"));
        return rows;
    }

    private static (double P50, double P95) Percentiles(int runs, Action action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }
        var times = Enumerable.Range(0, runs).Select(_ => Timing.Ms(action)).ToList();
        return (Timing.Percentile(times, 50), Timing.Percentile(times, 95));
    }

    /// <summary>Median time of the captured SQL run directly on SQLite, without EF.</summary>
    private static double TimeRaw(SqliteConnection connection, CapturedCommand command) =>
        Timing.MedianMs(5, () => ReadAll(connection, command.Sql, command.Parameters), warmups: 1);

    /// <summary>The plan steps that touch many rows: full scans and temporary B-trees for sorting or grouping.</summary>
    public static string PlanSummary(SqliteConnection connection, CapturedCommand command)
    {
        using var explain = Command(connection, "EXPLAIN QUERY PLAN " + command.Sql, command.Parameters);
        using var reader = explain.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }
        return string.Join("; ", steps);
    }

    private static void ReadAll(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
