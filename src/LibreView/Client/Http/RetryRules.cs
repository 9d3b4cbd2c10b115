using System.Net;
using Polly;
using Polly.Timeout;

namespace LibreView.Client.Http;

/// <summary>
/// Which answers the resilience handler retries. Application errors (wrong password, steps, lock-out) come back
/// as HTTP 200 or as a 429 without <c>Retry-After</c>, so they are never retried.
/// </summary>
internal static class RetryRules
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, LibreViewClientOptions options, TimeProvider time) =>
        outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } r } when (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout => true,
            { Result: { StatusCode: HttpStatusCode.TooManyRequests } r } =>
                RetryAfter(r, time) is { } wait && wait <= options.MaxRetryAfterWait,
            _ => false,
        };

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        return null;
    }
}
