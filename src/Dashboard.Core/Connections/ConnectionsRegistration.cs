using LibreView.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Connections;

internal static class ConnectionsRegistration
{
    /// <summary>Patients' LibreView connections: their list, the vault of their credentials, and the LibreView client they are read with (section <c>LibreView</c>).</summary>
    internal static IServiceCollection AddConnectionsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CredentialVault>();
        services.AddSingleton<ConnectionDirectory>();
        services.AddLibreViewClient(configuration.GetSection("LibreView"));
        return services;
    }
}
