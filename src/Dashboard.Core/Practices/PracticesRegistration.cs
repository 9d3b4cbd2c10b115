using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Practices;

internal static class PracticesRegistration
{
    /// <summary>
    /// Practice accounts and their LibreView sessions (section <c>LibreView</c>), custom practices, team practice bindings
    /// and the Practices page's read side.
    /// </summary>
    internal static IServiceCollection AddPracticesFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PracticeAccountOptions>(configuration.GetSection("LibreView"));
        // Holds the LibreView client yet is a singleton: the exception named in the lifetime rule of DependencyInjection.cs.
        services.AddSingleton<PracticeAccountSessions>();
        services.AddSingleton<PracticeBindingService>();
        // Over the LibreView client (see the lifetime rule in DependencyInjection.cs).
        services.AddScoped<CustomPracticeService>();
        services.AddScoped<PracticeDirectory>();
        return services;
    }
}
