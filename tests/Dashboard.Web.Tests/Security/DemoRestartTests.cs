using System.Globalization;
using Dashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 18: the Development demo survives a restart. The built app runs twice, one process after the other, on
/// the same data folder with the in-process LibreView simulator; after the second start the sync engine signs the
/// connected demo patients in again (a new success after the restart) and none of them turns into a credential error.
/// </summary>
public sealed class DemoRestartTests
{
    private const int Patients = 10; // fates 0–6 connected, 7 a changed password, 8 an expired one, 9 awaiting a share
    private static readonly string[] Connected = [.. Enumerable.Range(0, 7).Select(i => $"demo-{i:D3}")];

    [Fact]
    public async Task Connected_demo_patients_stay_connected_across_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("lcd-demo-restart-").FullName;
        var database = Path.Combine(folder, "dashboard.db");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={database}",
            ["Seed:DemoPatients"] = Patients.ToString(CultureInfo.InvariantCulture),
            ["Sync:HistoricalDays"] = "3",
            ["Sync:PollInterval"] = "00:00:01",
            ["Sync:OngoingInterval"] = "00:00:02",
            ["Sync:LeaseDuration"] = "00:00:05", // the killed first process's leases run out quickly
        };
        try
        {
            await using (var first = await AppProcess.StartAsync(LoopbackPort.Free(), settings))
            {
                await UntilAsync(database, rows =>
                    Connected.All(id => rows.TryGetValue(id, out var row) && row.Status == "connected" && row.LastSuccessAt is not null)
                    && rows.TryGetValue("demo-007", out var broken) && broken.ErrorType == "provider_credential_error",
                    "the first start should link and sync the demo patients", first);
            }
            var restartedAt = DateTime.UtcNow;

            await using var second = await AppProcess.StartAsync(LoopbackPort.Free(), settings);
            var rows = await UntilAsync(database, rows =>
                Connected.All(id => rows[id].LastSuccessAt > restartedAt || rows[id].Status != "connected"),
                "every connected demo patient should be synced again after the restart", second);

            var flipped = Connected.Where(id => rows[id].Status != "connected").Select(id => $"{id}: {rows[id].Status} {rows[id].ErrorType}").ToList();
            Assert.True(flipped.Count == 0, "after the restart: " + string.Join("; ", flipped));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Row(string Status, string? ErrorType, DateTime? LastSuccessAt);

    private static async Task<Dictionary<string, Row>> UntilAsync(string database, Func<Dictionary<string, Row>, bool> done, string what, AppProcess app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var rows = new Dictionary<string, Row>();
        while (DateTime.UtcNow < deadline)
        {
            rows = Read(database);
            if (done(rows)) return rows;
            Assert.False(app.HasExited, app.RecentOutput);
            await Task.Delay(500);
        }
        Assert.Fail($"{what}; now: {string.Join("; ", rows.Select(r => $"{r.Key} {r.Value}"))}{Environment.NewLine}{app.RecentOutput}");
        return rows;
    }

    /// <summary>The demo patients' connections as the store has them (read with its own connection, as an operator would).</summary>
    private static Dictionary<string, Row> Read(string database)
    {
        var rows = new Dictionary<string, Row>();
        if (!File.Exists(database)) return rows;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT u."ClientUserId", c."Status", c."ErrorType", s."LastSuccessAt"
                FROM "Users" u JOIN "Connections" c ON c."UserId" = u."Id" LEFT JOIN "SyncStates" s ON s."ConnectionId" = c."Id"
                WHERE u."ClientUserId" LIKE 'demo-%'
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows[reader.GetString(0)] = new Row(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : DateTime.SpecifyKind(DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture), DateTimeKind.Utc));
            }
        }
        catch (SqliteException)
        {
            // Not migrated yet, or busy for a moment: read again.
        }
        return rows;
    }
}
