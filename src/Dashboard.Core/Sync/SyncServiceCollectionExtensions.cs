using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Sync;

internal static class SyncServiceCollectionExtensions
{
    /// <summary>The sync engine (a hosted service, off with <c>Sync:Enabled</c> = false) and what it needs.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyncOptions>(configuration.GetSection("Sync"));
        services.AddSingleton<SyncSignal>();
        services.AddSingleton<ISyncScheduler, SyncScheduler>();
        services.Configure<ReportWindowOptions>(configuration.GetSection("LibreView"));
        services.AddTransient<LibreViewReader.Factory>();
        services.AddSingleton<SyncStore>();
        services.AddSingleton<SyncEvents>();
        services.AddSingleton<SyncFailures>();
        services.AddTransient<ShareRecheck>();
        services.AddTransient<ConnectionSync>();
        services.AddScoped<SyncAdoption>();
        services.AddSingleton<SyncEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncEngine>());
        services.AddScoped<SyncRefresh>();
        services.AddScoped<PullIntrospection>();
        services.AddScoped<Glucose.Timeseries.TimeseriesQuery>();
        return services;
    }
}
