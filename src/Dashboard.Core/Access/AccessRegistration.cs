using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Access;

internal static class AccessRegistration
{
    /// <summary>Who may see what (staff scopes) and team memberships, with the first administrator (section <c>Bootstrap</c>).</summary>
    internal static IServiceCollection AddAccessFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.AddSingleton<StaffScopeResolver>();
        services.AddSingleton<Memberships>();
        return services;
    }
}
