using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Demo;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Introspection;
using Dashboard.Core.Invitations;
using Dashboard.Core.Linking;
using Dashboard.Core.Notifications;
using Dashboard.Core.Organizations;
using Dashboard.Core.Overview;
using Dashboard.Core.Patients;
using Dashboard.Core.Practices;
using Dashboard.Core.Preferences;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Teams;
using Dashboard.Core.Triage;
using Dashboard.Core.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>
/// The one public entry point of Core's services. Each feature folder registers its own services in its
/// <c>…Registration.cs</c>, as <c>Add&lt;Feature&gt;Feature</c>, and each service is registered there once.
/// <para>Lifetimes, the same rule everywhere:</para>
/// <list type="bullet">
/// <item><b>Singleton</b> by default. A Core service keeps nothing per user between calls and opens a context per
/// operation from <c>IDbContextFactory&lt;DashboardDbContext&gt;</c>, so one instance serves every circuit, request and
/// background worker.</item>
/// <item><b>Scoped</b> only for per-circuit or per-request state, and for the services over the typed LibreView
/// HttpClient (<c>ILibreViewClient</c>, transient as every typed client), so each circuit or request takes a client whose
/// handler the HTTP client factory rotates. <c>PracticeAccountSessions</c> holds the client yet is a singleton (the sync
/// and the seeders reach it outside any request): the one exception, left as it was.</item>
/// <item><b>Transient</b> for the sync step's objects, taken from the engine's scope once per cycle.</item>
/// <item><c>TryAdd…</c> only for what a host or a test supplies instead (<c>TimeProvider</c>, <c>IMailTransport</c>,
/// <c>IConsoleAddresses</c>, <c>IWebhookAddressResolver</c>).</item>
/// </list>
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddStorageFeature(configuration, contentRoot);
        services.AddAccessFeature(configuration);
        services.AddAuditFeature();
        services.AddEventsFeature(configuration);
        services.AddConnectionsFeature(configuration);
        services.AddPracticesFeature(configuration);
        services.AddLinkingFeature(configuration);
        services.AddSyncFeature(configuration);
        services.AddOrganizationsFeature();
        services.AddTeamsFeature();
        services.AddUsersFeature();
        services.AddPatientsFeature();
        services.AddOverviewFeature();
        services.AddPreferencesFeature();
        services.AddApiKeysFeature();
        services.AddIntrospectionFeature();
        services.AddDemoFeature();
        services.AddWebhooksFeature(configuration);
        services.AddNotificationsFeature(configuration);
        services.AddInvitationsFeature(configuration);
        // The Glucose folder's two keep their older names (AddCsvImport, AddGlucoseReview) while that folder is being
        // reworked elsewhere; by the rule above its scoped review queries are due to become singletons then.
        services.AddCsvImport();
        services.AddGlucoseReview();
        // Last: it wraps the ReadingWriter the store engine registered, so every store of readings updates the summaries.
        services.AddTriageFeature();
        return services;
    }
}
