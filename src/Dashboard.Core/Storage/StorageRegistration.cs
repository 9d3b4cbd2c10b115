using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Storage;

internal static class StorageRegistration
{
    /// <summary>
    /// The store (<c>Store:Provider</c> sqlite or postgresql, on <c>ConnectionStrings:Dashboard</c>): the context factory,
    /// the engine's own services, the Data Protection key ring kept in it, and the seeders (<c>Seed:DemoData</c> = true adds
    /// the development organisation and teams).
    /// </summary>
    internal static IServiceCollection AddStorageFeature(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var engine = StoreEngine.FromConfiguration(configuration, contentRoot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(engine);
        services.AddDbContextFactory<DashboardDbContext>(engine.UseProvider);
        engine.AddServices(services);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddSingleton<StoreIntegrity>();
        services.AddSingleton<StoreWritability>();
        services.AddDataProtection().PersistKeysToDbContext<DashboardDbContext>().SetApplicationName("LibreConnectDashboard");
        services.Configure<DemoSeedOptions>(configuration.GetSection("Seed"));
        if (configuration.GetValue<bool>("Seed:DemoData"))
        {
            services.AddSingleton<IStoreSeeder, DemoOrganizationSeeder>();
        }
        return services;
    }
}
