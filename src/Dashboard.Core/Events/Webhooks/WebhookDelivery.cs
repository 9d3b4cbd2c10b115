namespace Dashboard.Core.Events.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Not tried yet.</summary>
    Pending,
    Succeeded,

    /// <summary>The last attempt failed; another is due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>Retried for the whole retry window without success; no further attempts unless redelivered.</summary>
    Dead,
}

/// <summary>One event owed to one endpoint, with its retry state. Sent in event-id order per endpoint.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public Guid EndpointId { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int AttemptCount { get; set; }

    /// <summary>Failures since the last success or redelivery; the back-off grows with it.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>Failures are retried until this time, then the delivery is dead.</summary>
    public DateTime RetryUntil { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    public bool IsOpen => Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Failed;

    public static WebhookDelivery Queue(Guid endpointId, long eventId, DateTime now, TimeSpan retryWindow) => new()
    {
        EndpointId = endpointId,
        EventId = eventId,
        Status = WebhookDeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
        RetryUntil = now + retryWindow,
    };

    /// <summary>Applies an attempt's outcome: success, or a failure retried on <paramref name="retries"/>' schedule until the window ends (dead).</summary>
    public WebhookAttempt Record(AttemptOutcome outcome, DateTime now, RetrySchedule retries)
    {
        AttemptCount++;
        ConsecutiveFailures = outcome.Succeeded ? 0 : ConsecutiveFailures + 1;
        LastAttemptAt = now;
        LastStatusCode = outcome.StatusCode;
        LastError = outcome.Error;
        var nextAttempt = outcome.Succeeded ? null : retries.NextAttempt(ConsecutiveFailures, now, RetryUntil);
        (Status, NextAttemptAt) = outcome.Succeeded ? (WebhookDeliveryStatus.Succeeded, (DateTime?)null)
            : nextAttempt is null ? (WebhookDeliveryStatus.Dead, null)
            : (WebhookDeliveryStatus.Failed, nextAttempt);
        return new WebhookAttempt
        {
            DeliveryId = Id,
            AttemptedAt = now,
            StatusCode = outcome.StatusCode,
            DurationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
            Error = outcome.Error,
        };
    }

    /// <summary>Sends it again now, with a fresh retry window; it goes before later events of the endpoint.</summary>
    public void Redeliver(DateTime now, TimeSpan retryWindow)
    {
        Status = WebhookDeliveryStatus.Pending;
        ConsecutiveFailures = 0;
        NextAttemptAt = now;
        RetryUntil = now + retryWindow;
    }
}

/// <summary>One HTTP attempt of a delivery, kept for the delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public DateTime AttemptedAt { get; set; }
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
}

/// <summary>What one POST to a receiver came to: a 2xx answer is success, anything else (or no answer) a failure.</summary>
public sealed record AttemptOutcome(bool Succeeded, int? StatusCode, string? Error, TimeSpan Duration);
