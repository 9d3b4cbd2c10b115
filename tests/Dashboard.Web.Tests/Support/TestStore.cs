using Dashboard.Core;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, migrated like the app does at start-up.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-web-tests-").FullName;

    /// <summary>The person the demo seed puts in the demo organisation unless a test names another.</summary>
    public const string DefaultStaffMember = "admin@example.org";

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "dashboard.db")}";

    /// <summary>Registers the domain services on a real store file; <paramref name="seedDemo"/> adds the development organisation.</summary>
    public async Task AddToAsync(IServiceCollection services, bool seedDemo = false, string? staffMember = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Dashboard"] = ConnectionString,
                ["Seed:DemoData"] = seedDemo ? "true" : "false",
                ["Seed:StaffMembers:0"] = staffMember ?? DefaultStaffMember,
            })
            .Build();
        services.AddDashboardCore(configuration, _folder);
        var provider = new ServiceCollection().AddDashboardCore(configuration, _folder).BuildServiceProvider();
        await provider.InitializeStoreAsync();
        await provider.DisposeAsync();
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may still be closing; the OS temp folder is cleaned eventually.
        }
        return ValueTask.CompletedTask;
    }
}
