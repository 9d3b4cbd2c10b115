using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Teams;

internal static class TeamsRegistration
{
    /// <summary>Team administration.</summary>
    internal static IServiceCollection AddTeamsFeature(this IServiceCollection services)
    {
        services.AddSingleton<TeamAdministration>();
        return services;
    }
}
