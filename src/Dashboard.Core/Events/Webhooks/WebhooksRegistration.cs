using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

internal static class WebhooksRegistration
{
    /// <summary>Webhook endpoints and the background dispatcher (section <c>Webhooks</c>).</summary>
    internal static IServiceCollection AddWebhooksFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<WebhookUrlRule>();
        services.TryAddSingleton<IWebhookAddressResolver, DnsWebhookAddressResolver>();
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<RetrySchedule>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookAdministration>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookSender.ClientName, (sp, http) =>
            {
                http.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("LibreConnectDashboard-Webhooks/1.0");
            })
            // No proxy: it would resolve and dial for us, past the connector's address check.
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.ConnectTimeout,
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            });
        return services;
    }
}
