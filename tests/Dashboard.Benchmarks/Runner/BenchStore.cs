using Dashboard.Core;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Runner;

/// <summary>
/// A fresh store migrated exactly as the app does at start-up, with the production services of
/// <see cref="DependencyInjection.AddDashboardCore"/>: a SQLite file in a temporary folder, or (the PostgreSQL rows)
/// a new database on the tests' PostgreSQL server (a throwaway cluster unless <c>DASHBOARD_TEST_POSTGRES</c> is set).
/// </summary>
public sealed class BenchStore : IAsyncDisposable
{
    private readonly string _folder;
    private readonly StoreDatabase? _postgreSql;

    private BenchStore(string folder, string path, ServiceProvider services, StoreDatabase? postgreSql = null)
    {
        _folder = folder;
        Path = path;
        Services = services;
        _postgreSql = postgreSql;
    }

    /// <summary>The PostgreSQL database's connection string, for raw SQL (PostgreSQL stores only).</summary>
    public string PostgreSqlConnectionString => _postgreSql?.ConnectionString ?? throw new InvalidOperationException("not a PostgreSQL store");

    public string Path { get; }

    public ServiceProvider Services { get; }

    /// <summary>A plain connection string to the same file, for raw SQL.</summary>
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();

    public static async Task<BenchStore> CreateAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, bool postgreSql = false)
    {
        var folder = Directory.CreateTempSubdirectory("lcd-bench-").FullName;
        var path = System.IO.Path.Combine(folder, "dashboard.db");
        var database = postgreSql ? await StoreDatabase.CreatePostgreSqlAsync() : null;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database?.Settings ?? new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = $"Data Source={path}" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDashboardCore(configuration, folder);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.InitializeStoreAsync();
        return new BenchStore(folder, path, provider, database);
    }

    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgreSql is not null) await _postgreSql.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
