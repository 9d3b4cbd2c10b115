using Dashboard.Core.Invitations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Patient invitations, staff notifications and the mail outbox with its sender (sections <c>Email</c>,
    /// <c>Invitations</c>). The host supplies <see cref="IConsoleAddresses"/> (the web app's public link builder).
    /// </summary>
    public static IServiceCollection AddInvitationsAndNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.Section));
        services.TryAddSingleton<IConsoleAddresses, RequestBaseAddresses>();
        services.AddSingleton<MailOutbox>();
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<BrokenConnectionNotices>();
        services.AddScoped<StaffNotifications>();
        services.AddScoped<PatientInvitations>();
        services.AddSingleton<MailOutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailOutboxSender>());
        return services;
    }
}
