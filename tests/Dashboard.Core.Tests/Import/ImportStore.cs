using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Import;

/// <summary>A <see cref="CoreStore"/> with helpers to seed teams and users and to count what an import stored.</summary>
public sealed class ImportStore : IAsyncDisposable
{
    private readonly CoreStore _store;

    private ImportStore(CoreStore store) => _store = store;

    public string Path => _store.Path;

    public IServiceProvider Services => _store.Services;

    public static async Task<ImportStore> CreateAsync() => new(await CoreStore.CreateAsync());

    public T Get<T>() where T : notnull => _store.Get<T>();

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

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
