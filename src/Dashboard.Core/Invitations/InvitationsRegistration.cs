using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Invitations;

internal static class InvitationsRegistration
{
    /// <summary>Patient invitations by e-mail (section <c>Invitations</c>); their mail goes through the outbox of the notifications feature.</summary>
    internal static IServiceCollection AddInvitationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.Section));
        services.AddSingleton<PatientInvitations>();
        return services;
    }
}
