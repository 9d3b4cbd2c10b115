using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Storage;

public static class StoreInitializer
{
    /// <summary>Applies migrations and switches the file to WAL; runs once at start-up, before requests are served.</summary>
    public static async Task InitializeStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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
