using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>One SQLite file (WAL); migrations in <c>Storage/Migrations</c> of this assembly.</summary>
internal sealed class SqliteEngine(string connectionString) : StoreEngine
{
    public const string ProviderName = "sqlite";

    public override string Name => ProviderName;

    public override void UseProvider(DbContextOptionsBuilder options) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSettings());

    internal override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SqliteCheckpoints>();
        services.AddSingleton<ReadingWriter, SqliteReadingWriter>();
        services.AddSingleton<PatientSearchIndex, SqlitePatientSearch>();
    }

    internal override Task AfterMigrationsAsync(DashboardDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

    public override Task<string?> ServerVersionAsync(DashboardDbContext db, CancellationToken ct) => Task.FromResult<string?>(null);
}
