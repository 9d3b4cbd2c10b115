namespace Dashboard.Core.Storage.Leasing;

/// <summary>
/// The one back-off for leased work that failed and is tried again later (a sync, a webhook delivery, a mail, a
/// throttled account or region): base × 2^(attempt − 1), capped, so a receiver that is down for hours is asked about
/// once per cap. Jitter is the caller's choice (<see cref="Jittered"/>): many connections failing together spread out,
/// while one mail's retry stays predictable.
/// </summary>
internal static class RetryBackoff
{
    /// <param name="attempt">1 for the first failure.</param>
    public static TimeSpan Exponential(TimeSpan baseDelay, TimeSpan maxDelay, int attempt)
    {
        // Past 2^20 (a million times the base) the cap has long been reached; the limit keeps the product inside a TimeSpan.
        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var delay = baseDelay * Math.Pow(2, exponent);
        return delay < maxDelay ? delay : maxDelay;
    }

    /// <summary>A random share of <paramref name="delay"/> between <paramref name="low"/> and <paramref name="high"/> (e.g. 0.8 and 1.2).</summary>
    public static TimeSpan Jittered(TimeSpan delay, double low, double high) =>
        delay * (low + (high - low) * Random.Shared.NextDouble());
}
