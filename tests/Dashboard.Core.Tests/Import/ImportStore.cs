using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Import;

/// <summary>A real, migrated SQLite store file in a temporary folder, with the app's services and helpers to seed and count.</summary>
public sealed class ImportStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-import-").FullName;
    private ServiceProvider _services = null!;

    public string Path => System.IO.Path.Combine(_folder, "dashboard.db");

    public IServiceProvider Services => _services;

    public static async Task<ImportStore> CreateAsync()
    {
        var store = new ImportStore();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = $"Data Source={store.Path}" })
            .Build();
        store._services = new ServiceCollection().AddDashboardCore(configuration, store._folder).BuildServiceProvider();
        await store._services.InitializeStoreAsync();
        return store;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<Team> AddTeamAsync(string name)
    {
        await using var db = await NewContextAsync();
        var organization = await db.Organizations.FirstOrDefaultAsync() ?? db.Organizations.Add(new Organization { Name = "Test Clinic" }).Entity;
        var team = new Team { Name = name, OrganizationId = organization.Id };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    public async Task<Guid> AddUserAsync(Guid teamId, string clientUserId)
    {
        await using var db = await NewContextAsync();
        var user = new User { TeamId = teamId, ClientUserId = clientUserId };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Rows in the store: users, readings and notes (of everyone).</summary>
    public async Task<(int Users, int Readings, int Notes)> CountsAsync()
    {
        await using var db = await NewContextAsync();
        return (await db.Users.CountAsync(), await db.Readings.CountAsync(), await db.Notes.CountAsync());
    }

    public async Task<List<StoredReading>> ReadingsAsync(Guid userId)
    {
        await using var db = await NewContextAsync();
        return await db.Readings.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.Timestamp).ThenBy(r => r.Kind).ToListAsync();
    }

    public async Task<List<StoredNote>> NotesAsync(Guid userId)
    {
        await using var db = await NewContextAsync();
        return await db.Notes.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Timestamp).ThenBy(n => n.Kind).ToListAsync();
    }

    public Task<DashboardDbContext> NewContextAsync() => Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may still be closing; the OS cleans its temp folder eventually.
        }
    }
}
