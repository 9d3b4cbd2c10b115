using Dashboard.Core.Storage.Leasing;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// Exponential back-off with jitter: after the n-th failure wait between half and all of
/// base·2^(n-1) (capped), never past the delivery's retry window; past it, no more attempts.
/// </summary>
public sealed class RetrySchedule(IOptions<WebhookOptions> options)
{
    public DateTime? NextAttempt(int failures, DateTime now, DateTime retryUntil)
    {
        if (now >= retryUntil)
        {
            return null;
        }
        var settings = options.Value;
        var delay = RetryBackoff.Jittered(RetryBackoff.Exponential(settings.RetryBaseDelay, settings.RetryMaxDelay, failures), 0.5, 1.0);
        var next = now + delay;
        return next > retryUntil ? retryUntil : next;
    }
}
