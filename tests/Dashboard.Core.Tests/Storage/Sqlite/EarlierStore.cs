using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Tests.Storage.Sqlite;

/// <summary>
/// A SQLite store file as an earlier release left it: migrated up to <c>lastMigration</c> only, with rows written in that
/// schema's own SQL. Upgrade tests then open <see cref="Options"/> and migrate it the rest of the way.
/// </summary>
internal sealed class EarlierStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-upgrade-tests-").FullName;

    private EarlierStore() =>
        Options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "old.db")}").Options;

    public DbContextOptions<DashboardDbContext> Options { get; }

    public static async Task<EarlierStore> CreateAsync(string lastMigration, string storedSql)
    {
        var store = new EarlierStore();
        await using var old = new DashboardDbContext(store.Options);
        await old.GetService<IMigrator>().MigrateAsync(lastMigration);
        await old.Database.ExecuteSqlRawAsync(storedSql);
        return store;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
