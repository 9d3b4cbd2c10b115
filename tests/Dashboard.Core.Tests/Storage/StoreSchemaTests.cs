using Dashboard.Core.Audit;
using Dashboard.Core.Access;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Support;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage;

/// <summary>The schema of the engine this assembly runs on: migrations cover the model, and the objects outside it exist.</summary>
public sealed class StoreSchemaTests : IAsyncLifetime
{
    private CoreStore _store = null!;

    public async Task InitializeAsync() => _store = await CoreStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task The_engines_migrations_cover_the_model_and_are_all_applied()
    {
        await using var db = await NewContextAsync();
        Assert.Equal(StoreDatabase.Provider, _store.Get<StoreEngine>().Name);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes no {StoreDatabase.Provider} migration covers: add one (README: Store migrations).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_audit_log_refuses_update_and_delete_even_through_sql()
    {
        await _store.Get<AuditLog>().WriteAsync(new AuditActor("admin@example.org", "admin", "127.0.0.1"), "test.action", details: "kept");
        await using var db = await NewContextAsync();
        var id = await db.AuditEntries.Select(e => e.Id).SingleAsync();

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, "changed")));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == id).ExecuteDeleteAsync());

        Assert.Contains("append-only", update.Message + update.InnerException?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message + delete.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal("kept", (await db.AuditEntries.AsNoTracking().SingleAsync()).Details);
    }

    private Task<DashboardDbContext> NewContextAsync() =>
        _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
}
