using Dashboard.Core;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Runner;

/// <summary>
/// A fresh SQLite store in a temporary folder, migrated exactly as the app does at start-up, with the
/// production services of <see cref="DependencyInjection.AddDashboardCore"/>.
/// </summary>
public sealed class BenchStore : IAsyncDisposable
{
    private readonly string _folder;

    private BenchStore(string folder, string path, ServiceProvider services)
    {
        _folder = folder;
        Path = path;
        Services = services;
    }

    public string Path { get; }

    public ServiceProvider Services { get; }

    /// <summary>A plain connection string to the same file, for raw SQL.</summary>
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();

    public static async Task<BenchStore> CreateAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("lcd-bench-").FullName;
        var path = System.IO.Path.Combine(folder, "dashboard.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = $"Data Source={path}" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDashboardCore(configuration, folder);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.InitializeStoreAsync();
        return new BenchStore(folder, path, provider);
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
