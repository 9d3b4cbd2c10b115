using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Demo;

internal static class DemoRegistration
{
    /// <summary>Demo connections with generated readings (the organisation they live in is seeded by the store, <c>Seed:DemoData</c>).</summary>
    internal static IServiceCollection AddDemoFeature(this IServiceCollection services)
    {
        services.AddSingleton<DemoConnections>();
        return services;
    }
}
