using System.Diagnostics;
using Dashboard.Benchmarks.Runner;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// What <c>synchronous=FULL</c> (the store's setting since issue #18: every commit waits for the disk) costs against
/// NORMAL (commits could be lost in a power cut): one-row transactions per second, as API calls commit, on a WAL file.
/// Bulk writes commit once per batch, so their rate (the "write" figure) barely moves.
/// </summary>
public sealed class DurableCommits : IMeasurement
{
    public string Name => "commits";

    public Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var commits = options.Quick ? 300 : 2_000;
        var full = new List<double>();
        var normal = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            full.Add(CommitsPerSecond("FULL", commits));
            normal.Add(CommitsPerSecond("NORMAL", commits));
        }
        var fullRate = full.Order().ElementAt(1);
        var normalRate = normal.Order().ElementAt(1);
        IReadOnlyList<Result> rows =
        [
            new Result($"One-row commits/s with synchronous=FULL (store setting), {commits:N0} per run", fullRate, "commits/s", normalRate,
                "synchronous=NORMAL", "acknowledged writes survive a power cut", null, "median of 3 runs each, alternating"),
        ];
        return Task.FromResult(rows);
    }

    private static double CommitsPerSecond(string synchronous, int commits)
    {
        var folder = Directory.CreateTempSubdirectory("lcd-bench-commits-").FullName;
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "commits.db")};Pooling=false");
            connection.Open();
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; CREATE TABLE Users (Id TEXT PRIMARY KEY, ClientUserId TEXT NOT NULL);");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Users (Id, ClientUserId) VALUES ($id, $client)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var client = insert.Parameters.Add("$client", SqliteType.Text);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < commits; i++)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                id.Value = Guid.NewGuid().ToString();
                client.Value = $"patient-{i}";
                insert.ExecuteNonQuery();
                transaction.Commit();
            }
            return commits / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
