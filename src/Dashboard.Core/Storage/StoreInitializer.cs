using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Storage;

public static class StoreInitializer
{
    /// <summary>Nobody changes or deletes audit entries, not even through SQL the product might run by mistake.</summary>
    private const string AppendOnlyAuditLog = """
        CREATE TRIGGER IF NOT EXISTS AuditLog_NoUpdate BEFORE UPDATE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS AuditLog_NoDelete BEFORE DELETE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """;

    /// <summary>
    /// Checks the file's integrity (damage is logged and reported by <c>/health</c>), applies migrations and switches the
    /// file to WAL; runs once at start-up, before requests are served.
    /// </summary>
    public static async Task InitializeStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<StoreIntegrity>().CheckAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AppendOnlyAuditLog, cancellationToken);
        await Patients.PatientSearchIndex.EnsureAsync(db, cancellationToken);
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
