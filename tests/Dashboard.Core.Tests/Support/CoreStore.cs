using Dashboard.Core;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Support;

/// <summary>The domain services on a real, migrated SQLite file in a temporary folder.</summary>
public sealed class CoreStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-core-tests-").FullName;

    private CoreStore(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; private set; }

    /// <summary>The SQLite file, for code that opens the store by path (the command line's <c>--db</c>).</summary>
    public string Path => System.IO.Path.Combine(_folder, "dashboard.db");

    public static async Task<CoreStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var store = new CoreStore(null!);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={store.Path}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddDashboardCore(configuration, store._folder);
        configure?.Invoke(services);
        store.Services = services.BuildServiceProvider();
        await store.Services.InitializeStoreAsync();
        return store;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
