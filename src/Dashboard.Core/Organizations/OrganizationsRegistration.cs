using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Organizations;

internal static class OrganizationsRegistration
{
    /// <summary>Organisations and their plans.</summary>
    internal static IServiceCollection AddOrganizationsFeature(this IServiceCollection services)
    {
        services.AddSingleton<OrganizationDirectory>();
        services.AddSingleton<OrganizationPlans>();
        return services;
    }
}
