using Dashboard.Core;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Support;

/// <summary>The domain services on a real, migrated store (SQLite file in a temporary folder, or a PostgreSQL database).</summary>
public sealed class CoreStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-core-tests-").FullName;
    private StoreDatabase _database = null!;

    private CoreStore(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; private set; }

    /// <summary>The SQLite file, for code that opens the store by path (the command line's <c>--db</c>).</summary>
    public string Path => System.IO.Path.Combine(_folder, "dashboard.db");

    public static async Task<CoreStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var store = new CoreStore(null!);
        store._database = await StoreDatabase.CreateAsync(store._folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store._database.Settings).Build();
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
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
