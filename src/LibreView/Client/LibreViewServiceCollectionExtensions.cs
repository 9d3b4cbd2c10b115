using LibreView.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace LibreView.Client;

public static class LibreViewServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ILibreViewClient"/> as a typed HttpClient bound to a configuration section (e.g. <c>LibreView</c>).</summary>
    public static IHttpClientBuilder AddLibreViewClient(this IServiceCollection services, IConfiguration section) =>
        services.AddLibreViewClient(section.Bind);

    /// <summary>
    /// Registers <see cref="ILibreViewClient"/> as a typed HttpClient with a resilience handler: a total timeout,
    /// jittered exponential retries on 5xx/408/timeouts, and a per-attempt timeout.
    /// Returns the HttpClient builder, so a host can swap the primary handler (e.g. an in-memory test server).
    /// </summary>
    public static IHttpClientBuilder AddLibreViewClient(this IServiceCollection services, Action<LibreViewClientOptions>? configure = null)
    {
        var options = services.AddOptions<LibreViewClientOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);

        // The resilience handler owns every timeout; HttpClient's own 100 s default would cut a long TotalTimeout short.
        var builder = services.AddHttpClient<ILibreViewClient, LibreViewClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("libreview", (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<LibreViewClientOptions>>().Value;
            pipeline.AddTimeout(o.TotalTimeout);
            if (o.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.MaxRetries,
                    Delay = o.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(RetryRules.ShouldRetry(args.Outcome)),
                    OnRetry = args =>
                    {
                        args.Outcome.Result?.Dispose();
                        return default;
                    },
                });
            }
            pipeline.AddTimeout(o.AttemptTimeout);
        });
        return builder;
    }
}
