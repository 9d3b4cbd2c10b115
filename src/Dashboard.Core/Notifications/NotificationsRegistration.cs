using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Notifications;

internal static class NotificationsRegistration
{
    /// <summary>
    /// Staff notifications and the mail outbox with its sender (section <c>Email</c>). The host supplies
    /// <see cref="IConsoleAddresses"/> (the web app's public link builder).
    /// </summary>
    internal static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.TryAddSingleton<IConsoleAddresses, RequestBaseAddresses>();
        services.AddSingleton<MailOutbox>();
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<BrokenConnectionNotices>();
        services.AddSingleton<StaffNotifications>();
        services.AddSingleton<MailOutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailOutboxSender>());
        return services;
    }
}
