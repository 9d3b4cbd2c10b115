using System.Reflection;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.TestSupport;

/// <summary>
/// A fresh, empty store for one test fixture, on the engine the test assembly runs on: a SQLite file in the
/// fixture's folder, or a new database on <see cref="PostgresServer"/>. The same test classes are compiled into a
/// second assembly per engine, which says <c>[assembly: AssemblyMetadata("DashboardTestStore", "postgresql")]</c>
/// (the <c>*.PostgreSql</c> test projects); without it the store is SQLite.
/// </summary>
public sealed class StoreDatabase : IAsyncDisposable
{
    public const string AssemblyMetadataKey = "DashboardTestStore";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;
    private static int _counter;

    private readonly PostgresServer? _server;
    private string _provider = Provider;
    private readonly string? _database;

    private StoreDatabase(string connectionString, PostgresServer? server = null, string? database = null)
    {
        ConnectionString = connectionString;
        _server = server;
        _database = database;
    }

    /// <summary><c>sqlite</c> or <c>postgresql</c>, as <c>Store:Provider</c> takes it.</summary>
    public static string Provider { get; } = FindProvider();

    public static bool IsPostgreSql => Provider == PostgreSqlEngine.ProviderName;

    public string ConnectionString { get; }

    /// <summary>The configuration entries that put the app (or the domain services) on this store.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [StoreEngine.ProviderKey] = _provider,
        [$"ConnectionStrings:{StoreConnectionString.Name}"] = ConnectionString,
    };

    /// <summary>A new store; SQLite puts its file in <paramref name="folder"/>.</summary>
    public static async Task<StoreDatabase> CreateAsync(string folder)
    {
        return IsPostgreSql ? await CreatePostgreSqlAsync() : new StoreDatabase($"Data Source={Path.Combine(folder, "dashboard.db")}");
    }

    /// <summary>A new, migrated PostgreSQL database whatever the assembly's engine (the tests that need a server).</summary>
    public static async Task<StoreDatabase> CreatePostgreSqlAsync()
    {
        var server = await PostgresServer.GetAsync();
        var template = await TemplateAsync(server);
        var name = $"lcd_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..40];
        await ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new StoreDatabase(server.ConnectionStringFor(name), server, name) { _provider = PostgreSqlEngine.ProviderName };
    }

    /// <summary>A database migrated once per process; each store is a copy of it, far quicker than migrating again.</summary>
    private static async Task<string> TemplateAsync(PostgresServer server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"lcd_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
            await ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE \"{name}\"");
            var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(name)) { Pooling = false }.ToString();
            var options = new DbContextOptionsBuilder<DashboardDbContext>();
            PostgreSqlEngine.Use(options, connectionString);
            await using (var db = new DashboardDbContext(options.Options))
            {
                await db.Database.MigrateAsync();
            }
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string FindProvider() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a => a.GetCustomAttributes<AssemblyMetadataAttribute>())
            .FirstOrDefault(m => m.Key == AssemblyMetadataKey)?.Value ?? "sqlite";

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        try
        {
            await ExecuteAsync(_server.AdminConnectionString, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // The server is going away with the test process; nothing is left behind that matters.
        }
    }
}
