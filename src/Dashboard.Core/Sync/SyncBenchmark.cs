using System.Diagnostics;
using Dashboard.Core.Connections;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using LibreView.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Sync;

/// <param name="Readings">Readings stored by the product's pull.</param>
/// <param name="Seconds">Historical pull end to end: sign-in, every page, every write and checkpoint.</param>
/// <param name="ClientReadings">Readings the client alone fetched for the same window.</param>
/// <param name="ClientSeconds">The client alone, page after page, storing nothing.</param>
public sealed record PullFigures(int Readings, double Seconds, int ClientReadings, double ClientSeconds);

/// <param name="WriterPerSecond">Readings per second through <see cref="ReadingWriter"/> (the production path, idempotent upserts).</param>
/// <param name="RawPerSecond">Readings per second of a plain prepared INSERT loop, one transaction, same table.</param>
public sealed record WriteFigures(int Readings, double WriterPerSecond, double RawPerSecond);

/// <summary>Figures for the benchmark program (issue 6): a 90-day pull against a simulator, and the write path against raw SQLite.</summary>
public static class SyncBenchmark
{
    /// <summary>Pulls <paramref name="days"/> days of one patient from a LibreView (simulator) at <paramref name="regionUrlTemplate"/>, into a fresh store.</summary>
    public static async Task<PullFigures> PullAsync(string regionUrlTemplate, string email, string password, string region = "us", int days = 90)
    {
        await using var store = await BenchStore.CreateAsync(new()
        {
            ["Sync:Enabled"] = "false",
            ["Sync:HistoricalDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sync:MaxPagesPerClaim"] = "1000",
            ["LibreView:BaseUrlTemplate"] = regionUrlTemplate,
        });
        var started = Stopwatch.GetTimestamp();
        var userId = await store.ConnectAsync(new StoredCredentials(email, password, null), region);
        var engine = store.Services.GetRequiredService<SyncEngine>();
        while (await engine.RunOnceAsync() > 0)
        {
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var readings = await store.CountReadingsAsync(userId);

        var client = store.Services.GetRequiredService<ILibreViewClient>();
        started = Stopwatch.GetTimestamp();
        var session = (await client.LoginAsync(new LibreViewCredentials(email, password, region))).GetValueOrThrow();
        var now = DateTimeOffset.UtcNow;
        var fetched = 0;
        for (var day = now.AddDays(-days); day < now; day = day.AddDays(1))
        {
            await foreach (var page in client.ReadHistoryAsync(session, session.UserId, day, day.AddDays(1) < now ? day.AddDays(1) : now))
            {
                fetched += page.GetValueOrThrow().Glucose.Count;
                session = page.Session ?? session;
            }
        }
        return new PullFigures(readings, seconds, fetched, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Writes a 5-minute series of <paramref name="days"/> days through <see cref="ReadingWriter"/> and through a raw prepared-insert loop.</summary>
    public static async Task<WriteFigures> WriteAsync(int days = 90)
    {
        await using var store = await BenchStore.CreateAsync([]);
        var series = GlucoseBenchmark.FiveMinuteSeries(days);
        var inputs = series.Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit)).ToList();
        var writer = store.Services.GetRequiredService<ReadingWriter>();
        await writer.WriteAsync(Guid.NewGuid(), null, DataSources.LibreView, inputs.Take(1000).ToList(), []); // warm-up

        var started = Stopwatch.GetTimestamp();
        await writer.WriteAsync(Guid.NewGuid(), null, DataSources.LibreView, inputs, []);
        var writerSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        await RawInsertAsync(store.ConnectionString, Guid.NewGuid(), inputs);
        var rawSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new WriteFigures(inputs.Count, inputs.Count / writerSeconds, inputs.Count / rawSeconds);
    }

    private static async Task RawInsertAsync(string connectionString, Guid userId, IReadOnlyList<ReadingInput> inputs)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Readings (UserId, ConnectionId, Timestamp, Kind, ValueMgdl, MeasuredValue, MeasuredUnit, DeviceSerial, Source)
            VALUES ($user, NULL, $timestamp, $kind, $mgdl, $value, $unit, NULL, 'raw')
            """;
        command.Parameters.AddWithValue("$user", userId.ToString().ToUpperInvariant());
        var timestamp = command.Parameters.Add("$timestamp", SqliteType.Integer);
        var kind = command.Parameters.Add("$kind", SqliteType.Integer);
        var mgdl = command.Parameters.Add("$mgdl", SqliteType.Real);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var unit = command.Parameters.Add("$unit", SqliteType.Integer);
        command.Prepare();
        foreach (var r in inputs)
        {
            timestamp.Value = r.Timestamp.Ticks;
            kind.Value = (int)r.Kind;
            mgdl.Value = r.MeasuredValue;
            value.Value = r.MeasuredValue;
            unit.Value = (int)r.MeasuredUnit;
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>A migrated store in a temporary folder with one team, and the product's services on it.</summary>
    private sealed class BenchStore : IAsyncDisposable
    {
        private readonly string _folder;

        private BenchStore(string folder, ServiceProvider services, string connectionString)
        {
            _folder = folder;
            Services = services;
            ConnectionString = connectionString;
        }

        public ServiceProvider Services { get; }
        public string ConnectionString { get; }

        public static async Task<BenchStore> CreateAsync(Dictionary<string, string?> settings)
        {
            var folder = Directory.CreateTempSubdirectory("lcd-bench-").FullName;
            var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
            settings["ConnectionStrings:Dashboard"] = connectionString;
            var services = new ServiceCollection().AddLogging()
                .AddDashboardCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), folder)
                .BuildServiceProvider();
            await services.InitializeStoreAsync();
            return new BenchStore(folder, services, connectionString);
        }

        /// <summary>A connected password connection with no session yet (the first sync signs in), scheduled like a link does.</summary>
        public async Task<Guid> ConnectAsync(StoredCredentials credentials, string region)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            var team = new Team { Name = "Bench", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us };
            db.Organizations.Add(new Organization { Name = "Bench", Teams = [team] });
            var user = new User { TeamId = team.Id, ClientUserId = "bench" };
            db.Users.Add(user);
            var connection = new Connection
            {
                UserId = user.Id, Provider = Providers.AbbottLibreView, Region = region, Status = ConnectionStatus.Connected,
                ProtectedCredentials = scope.ServiceProvider.GetRequiredService<CredentialVault>().Protect(credentials),
            };
            db.Connections.Add(connection);
            await scope.ServiceProvider.GetRequiredService<ISyncScheduler>().ConnectionLinkedAsync(db, connection, CancellationToken.None);
            await db.SaveChangesAsync();
            return user.Id;
        }

        public async Task<int> CountReadingsAsync(Guid userId)
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Readings.CountAsync(r => r.UserId == userId);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
