using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 10: every store commit waits for the disk (<c>synchronous=FULL</c>), and a damaged store file is found
/// at start-up, logged, and reported by <c>/health</c> instead of being served as if whole.
/// </summary>
public sealed class DurableStoreTests
{
    [Fact]
    public async Task Commits_are_synchronous_full_and_a_damaged_file_is_logged_at_start_and_reported_by_health()
    {
        var folder = Directory.CreateTempSubdirectory("lcd-durable-").FullName;
        var database = Path.Combine(folder, "dashboard.db");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={database}",
            ["Seed:DemoData"] = "true",
            ["Seed:TeamApiKeys:Sandbox US"] = "durable_key",
        };
        try
        {
            await using (var first = new DeployedAppFactory(Environments.Production, settings))
            {
                await using (var scope = first.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
                    await db.Database.OpenConnectionAsync();
                    await using var pragma = db.Database.GetDbConnection().CreateCommand();
                    pragma.CommandText = "PRAGMA synchronous";
                    Assert.Equal(2L, await pragma.ExecuteScalarAsync()); // 2 = FULL
                }
                var api = first.Browser();
                api.DefaultRequestHeaders.Add("x-vital-api-key", "durable_key");
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
                var user = await api.PostAsJsonAsync("/v2/user", new { client_user_id = "durable-patient" });
                var userId = Guid.Parse((await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!);
                var start = new DateTime(2026, 1, 1);
                await first.Services.GetRequiredService<ReadingWriter>().WriteAsync(userId, null, DataSources.CsvImport,
                    [.. Enumerable.Range(0, 30_000).Select(i => new ReadingInput(start.AddMinutes(5 * i), ReadingKind.Automatic, 100 + i % 80, GlucoseUnit.MgPerDl))], []);
            }
            SqliteConnection.ClearAllPools(); // the last connection checkpoints the log into the file

            Damage(database);

            await using var second = new DeployedAppFactory(Environments.Production, settings);
            var health = await second.Browser().GetAsync("/health");
            var body = await health.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("damaged", body.GetProperty("integrity").GetString());
            Assert.Contains(second.Logged.Entries, entry => entry.StartsWith(typeof(StoreIntegrity).FullName!) && entry.Contains("failed its integrity check"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Overwrites one page in the readings' part of the file (written last, so near its end) with garbage.</summary>
    private static void Damage(string database)
    {
        const int pageSize = 4096;
        using var file = new FileStream(database, FileMode.Open, FileAccess.ReadWrite);
        var pages = file.Length / pageSize;
        Assert.True(pages > 100, $"the store has only {pages} pages");
        file.Position = (pages - 20) * pageSize;
        var garbage = new byte[pageSize];
        new Random(10).NextBytes(garbage);
        file.Write(garbage);
    }
}
