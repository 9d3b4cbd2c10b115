using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Linking;
using Dashboard.Core.Notifications;
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
    /// The store (<c>Store:Provider</c> sqlite or postgresql, on <c>ConnectionStrings:Dashboard</c>) and the domain services.
    /// <c>Seed:DemoData</c> = true adds the development organisation and teams.
    /// </summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var engine = StoreEngine.FromConfiguration(configuration, contentRoot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(engine);
        services.AddDbContextFactory<DashboardDbContext>(engine.UseProvider);
        engine.AddServices(services);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddSingleton<StoreIntegrity>();
        services.AddSingleton<StoreWritability>();
        services.AddScoped<OverviewQuery>();
        services.AddSingleton<StaffScopeResolver>();
        services.AddSingleton<PatientListQuery>();
        services.AddSingleton<PatientListExport>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PatientDetailsQuery>();
        services.AddScoped<ReconnectLinks>();
        services.AddSingleton<PatientProfiles>();
        services.AddScoped<OrganizationDirectory>();
        services.AddSingleton<OrganizationPlans>();
        services.AddSingleton<Dashboard.Core.Preferences.StaffPreferences>();
        services.AddScoped<ApiKeyLookup>();
        services.AddScoped<ManagementKeys>();
        services.AddSingleton<Memberships>();
        services.AddSingleton<Dashboard.Core.Teams.TeamAdministration>();
        services.AddSingleton<TeamApiKeys>();
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.AddScoped<Dashboard.Core.Demo.DemoConnections>();
        services.AddScoped<PatientDirectory>();
        services.AddScoped<ConnectionDirectory>();
        services.AddScoped<Dashboard.Core.Introspection.ResourceIntrospection>();
        services.AddScoped<LinkTokenService>();
        services.Configure<LinkTokenPurgeOptions>(configuration.GetSection("LinkTokens"));
        services.AddSingleton<LinkTokenPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<LinkTokenPurge>());
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventPayloads>();
        services.AddOptions<EventPayloadOptions>().Bind(configuration.GetSection(EventPayloadOptions.Section));
        services.AddSingleton<CredentialVault>();
        services.AddScoped<ConnectionLinker>();
        services.AddScoped<PasswordLinking>();
        services.AddScoped<EmailLinking>();
        services.AddScoped<LinkWidgetQuery>();
        services.AddScoped<PracticeSearch>();
        services.AddSingleton<PracticeAccountSessions>();
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
        services.AddTriage();
        services.AddInvitationsAndNotifications(configuration);
        return services;
    }
}
