using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Linking;

internal static class LinkingRegistration
{
    /// <summary>Linking a patient's LibreView account: link tokens and their purge (section <c>LinkTokens</c>), the password and e-mail paths, the widget's read side.</summary>
    internal static IServiceCollection AddLinkingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LinkTokenPurgeOptions>(configuration.GetSection("LinkTokens"));
        services.AddSingleton<LinkTokenService>();
        services.AddSingleton<LinkTokenPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<LinkTokenPurge>());
        services.AddSingleton<ConnectionLinker>();
        services.AddSingleton<LinkWidgetQuery>();
        // Over the LibreView client (see the lifetime rule in DependencyInjection.cs).
        services.AddScoped<PasswordLinking>();
        services.AddScoped<PracticeSearch>();
        services.AddScoped<EmailLinking>();
        return services;
    }
}
