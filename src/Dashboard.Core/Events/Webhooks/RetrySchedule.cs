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
        var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
        var nominal = TimeSpan.FromTicks(Math.Min(settings.RetryBaseDelay.Ticks * (1L << exponent), settings.RetryMaxDelay.Ticks));
        var delay = nominal / 2 + nominal / 2 * Random.Shared.NextDouble();
        var next = now + delay;
        return next > retryUntil ? retryUntil : next;
    }
}
