using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Storage;

public static class StoreInitializer
{
    /// <summary>
    /// Checks the store's integrity (damage is logged and reported by <c>/health</c>), then applies the engine's
    /// migrations (schema, triggers and search index included) and its database settings; runs once at start-up,
    /// before requests are served. EF holds a migration lock, so instances starting
    /// together on one PostgreSQL database migrate it once.
    /// </summary>
    public static async Task InitializeStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<StoreIntegrity>().CheckAsync(cancellationToken);
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        // The seeders are scoped services; they work on the context given to them.
        await using var scope = services.CreateAsyncScope();
        await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<StoreEngine>().AfterMigrationsAsync(db, cancellationToken);
        foreach (var seeder in scope.ServiceProvider.GetServices<IStoreSeeder>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }
}

/// <summary>Fills an empty store with data; registered only where configuration asks for it.</summary>
public interface IStoreSeeder
{
    Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken);
}
