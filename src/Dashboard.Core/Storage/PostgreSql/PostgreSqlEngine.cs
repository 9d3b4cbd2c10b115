using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary>
/// A PostgreSQL database that several app instances share; its migrations live in their own assembly
/// (<see cref="MigrationsAssembly"/>), generated from the same model as SQLite's.
/// </summary>
public sealed class PostgreSqlEngine(string connectionString) : StoreEngine
{
    public const string ProviderName = "postgresql";
    public const string MigrationsAssembly = "Dashboard.Migrations.PostgreSql";

    /// <summary>
    /// The store keeps DateTimes as SQLite does: a wall-clock value with no zone (UTC instants and floating device
    /// times alike, DESIGN §7), read back unspecified. Npgsql's legacy mapping is exactly that — <c>timestamp
    /// without time zone</c> for every DateTime, whatever its Kind; the current mapping would refuse unspecified ones.
    /// </summary>
    /// <remarks>Npgsql reads the switch once per process, so call this before any Npgsql connection opens.</remarks>
    public static void UseStoreTimestampMapping() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);

    public override string Name => ProviderName;

    public override void UseProvider(DbContextOptionsBuilder options) => Use(options, connectionString);

    /// <summary>The same settings for a context built outside the app (design-time tools, tests).</summary>
    public static void Use(DbContextOptionsBuilder options, string connectionString)
    {
        UseStoreTimestampMapping();
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly));
    }

    internal override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<ReadingWriter, PostgreSqlReadingWriter>();
        services.AddSingleton<PatientSearchIndex, PostgreSqlPatientSearch>();
    }

    public override async Task<string?> ServerVersionAsync(DashboardDbContext db, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version') AS \"Value\"").SingleAsync(ct);
}
