using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.ApiKeys;

internal static class ApiKeysRegistration
{
    /// <summary>Team and management API keys and their lookup on each API request.</summary>
    internal static IServiceCollection AddApiKeysFeature(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyLookup>();
        services.AddSingleton<ManagementKeys>();
        services.AddSingleton<TeamApiKeys>();
        return services;
    }
}
