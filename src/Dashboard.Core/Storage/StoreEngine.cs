using Dashboard.Core.Storage.PostgreSql;
using Dashboard.Core.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Storage;

/// <summary>
/// The database engine under the store, chosen by <c>Store:Provider</c>: <c>sqlite</c> (default, one embedded file)
/// or <c>postgresql</c> (a server several app instances share). One EF model for both; each engine brings its own
/// migration set and its implementations of the parts that need engine-specific SQL.
/// </summary>
public abstract class StoreEngine
{
    public const string ProviderKey = "Store:Provider";

    /// <summary>The configuration value that selects this engine.</summary>
    public abstract string Name { get; }

    /// <summary>The engine named by configuration, on the connection string <c>ConnectionStrings:Dashboard</c>.</summary>
    public static StoreEngine FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var provider = configuration[ProviderKey];
        var connectionString = configuration.GetConnectionString(StoreConnectionString.Name);
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, SqliteEngine.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteEngine(StoreConnectionString.Resolve(connectionString, contentRoot));
        }
        if (string.Equals(provider, PostgreSqlEngine.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"{ProviderKey}=postgresql needs ConnectionStrings:{StoreConnectionString.Name}, e.g. \"Host=db;Database=dashboard;Username=dashboard;Password=…\"");
            }
            return new PostgreSqlEngine(connectionString);
        }
        throw new InvalidOperationException(
            $"{ProviderKey} is '{provider}'; use '{SqliteEngine.ProviderName}' (the default) or '{PostgreSqlEngine.ProviderName}'");
    }

    /// <summary>Points the context at this engine and its migration set.</summary>
    public abstract void UseProvider(DbContextOptionsBuilder options);

    /// <summary>The engine's implementations of the store parts that need engine-specific SQL.</summary>
    internal abstract void AddServices(IServiceCollection services);

    /// <summary>Settings of the database itself (not schema: that is in the migrations), once migrations have run.</summary>
    internal virtual Task AfterMigrationsAsync(DashboardDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The database server's version, for <c>/health</c>; null for an embedded engine.</summary>
    public abstract Task<string?> ServerVersionAsync(DashboardDbContext db, CancellationToken ct);
}
