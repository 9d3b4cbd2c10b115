using Dashboard.Core;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Support;

/// <summary>A real store (SQLite file in a temporary folder, or a PostgreSQL database), migrated like the app does at start-up.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-web-tests-").FullName;
    private StoreDatabase? _database;

    /// <summary>The person the demo seed puts in the demo organisation unless a test names another.</summary>
    public const string DefaultStaffMember = "admin@example.org";

    /// <summary>Registers the domain services on a real store file; <paramref name="seedDemo"/> adds the development organisation.</summary>
    public async Task AddToAsync(IServiceCollection services, bool seedDemo = false, string? staffMember = null)
    {
        _database ??= await StoreDatabase.CreateAsync(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_database.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Seed:DemoData"] = seedDemo ? "true" : "false",
                ["Seed:StaffMembers:0"] = staffMember ?? DefaultStaffMember,
            })
            .Build();
        services.AddDashboardCore(configuration, _folder);
        var provider = new ServiceCollection().AddDashboardCore(configuration, _folder).BuildServiceProvider();
        await provider.InitializeStoreAsync();
        await provider.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may still be closing; the OS temp folder is cleaned eventually.
        }
    }
}
