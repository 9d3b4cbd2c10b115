using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Users;

internal static class UsersRegistration
{
    /// <summary>The directory of patients (users) of a team.</summary>
    internal static IServiceCollection AddUsersFeature(this IServiceCollection services)
    {
        services.AddSingleton<PatientDirectory>();
        return services;
    }
}
