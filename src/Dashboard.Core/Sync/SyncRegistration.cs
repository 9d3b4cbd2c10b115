using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Sync;

internal static class SyncRegistration
{
    /// <summary>The sync engine (a hosted service, off with <c>Sync:Enabled</c> = false) and what it needs.</summary>
    internal static IServiceCollection AddSyncFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyncOptions>(configuration.GetSection("Sync"));
        services.AddSingleton<SyncSignal>();
        services.AddSingleton<ISyncScheduler, SyncScheduler>();
        services.Configure<ReportWindowOptions>(configuration.GetSection("LibreView"));
        // Transient: a sync step's objects over the LibreView client, taken from the engine's scope each cycle.
        services.AddTransient<LibreViewReader.Factory>();
        services.AddSingleton<SyncStore>();
        services.AddSingleton<SyncEvents>();
        services.AddSingleton<SyncFailures>();
        services.AddTransient<ShareRecheck>();
        services.AddTransient<ConnectionSync>();
        services.AddSingleton<SyncAdoption>();
        services.AddSingleton<SyncEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncEngine>());
        services.AddSingleton<SyncRefresh>();
        services.AddSingleton<PullIntrospection>();
        services.AddSingleton<Glucose.Timeseries.TimeseriesQuery>();
        return services;
    }
}
