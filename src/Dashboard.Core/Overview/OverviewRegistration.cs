using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Overview;

internal static class OverviewRegistration
{
    /// <summary>The overview page's counts.</summary>
    internal static IServiceCollection AddOverviewFeature(this IServiceCollection services)
    {
        services.AddSingleton<OverviewQuery>();
        return services;
    }
}
