namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// A team's webhook receiver. Its secret is kept encrypted (Data Protection) so the dispatcher can sign with it;
/// <see cref="LastQueuedEventId"/> is the outbox cursor: every event of the team up to it has a delivery row.
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public required string Url { get; set; }

    /// <summary>Only these event types are sent; empty means every type.</summary>
    public List<string> EventTypes { get; set; } = [];

    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Set when an admin deletes the endpoint: it is disabled and hidden, but the row stays so its delivery log (the
    /// audit trail of what was sent where) is kept.
    /// </summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>), protected.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>After a rotation the old secret also signs until <see cref="PreviousSecretExpiresAt"/>, so receivers can switch over.</summary>
    public string? ProtectedPreviousSecret { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }

    public long LastQueuedEventId { get; set; }

    /// <summary>The dispatcher instance serving this endpoint now, so two app instances never send to it at once.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>Only Junction's subscribable types go out: the admin's test event and our own record-keeping events never do.</summary>
    public bool Wants(string eventType) =>
        WebhookEventTypes.Subscribable.Contains(eventType) && (EventTypes.Count == 0 || EventTypes.Contains(eventType));
}

/// <summary>The event an admin sends to check an endpoint; it goes to that endpoint only.</summary>
public static class WebhookTestEvent
{
    public const string Type = "webhook.test";
}
