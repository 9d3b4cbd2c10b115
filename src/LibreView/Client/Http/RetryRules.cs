using System.Net;
using Polly;
using Polly.Timeout;

namespace LibreView.Client.Http;

/// <summary>
/// Which answers the resilience handler retries at once: transport failures and 5xx. Application errors come back
/// as HTTP 200; a 429, 403 or 430 is a block that must be waited out for minutes (reference §6), never retried here.
/// </summary>
internal static class RetryRules
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } r } when (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout => true,
            _ => false,
        };
}
