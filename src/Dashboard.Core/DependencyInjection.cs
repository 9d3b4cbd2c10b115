using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Linking;
using Dashboard.Core.Organizations;
using Dashboard.Core.Overview;
using Dashboard.Core.Patients;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Users;
using LibreView.Client;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

public static class DependencyInjection
{
    /// <summary>
    /// The store (SQLite file from <c>ConnectionStrings:Dashboard</c>) and the domain services.
    /// <c>Seed:DemoData</c> = true adds the development organisation and teams.
    /// </summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = StoreConnectionString.Resolve(configuration.GetConnectionString(StoreConnectionString.Name), contentRoot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<DashboardDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSettings()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddSingleton<StoreIntegrity>();
        services.AddScoped<OverviewQuery>();
        services.AddSingleton<StaffScopeResolver>();
        services.AddSingleton<PatientListQuery>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PatientDetailsQuery>();
        services.AddScoped<ReconnectLinks>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<ApiKeyLookup>();
        services.AddScoped<PatientDirectory>();
        services.AddScoped<ConnectionDirectory>();
        services.AddScoped<LinkTokenService>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<ReadingWriter>();
        services.AddSingleton<CredentialVault>();
        services.AddScoped<ConnectionLinker>();
        services.AddScoped<PasswordLinking>();
        services.AddScoped<EmailLinking>();
        services.AddScoped<LinkWidgetQuery>();
        services.AddScoped<PracticeSearch>();
        services.Configure<PracticeAccountOptions>(configuration.GetSection("LibreView"));
        services.AddLibreViewClient(configuration.GetSection("LibreView"));
        services.AddDataProtection().PersistKeysToDbContext<DashboardDbContext>().SetApplicationName("LibreConnectDashboard");
        services.AddSync(configuration);
        services.Configure<DemoSeedOptions>(configuration.GetSection("Seed"));

        if (configuration.GetValue<bool>("Seed:DemoData"))
        {
            services.AddScoped<IStoreSeeder, DemoOrganizationSeeder>();
        }
        services.AddCsvImport();
        services.AddPractices();
        services.AddWebhooks(configuration);
        services.AddGlucoseReview();
        return services;
    }
}
