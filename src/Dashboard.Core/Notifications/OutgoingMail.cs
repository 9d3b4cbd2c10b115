namespace Dashboard.Core.Notifications;

/// <summary>
/// One e-mail waiting to go out, or gone (the outbox). Written in the transaction of the change it tells about, so a
/// change never lacks its mail; sent by <see cref="MailOutboxSender"/>, which retries until the SMTP server takes it.
/// </summary>
public sealed class OutgoingMail
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The instance sending it now, and until when (a crashed instance's claim runs out).</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>The patient invitation this mail carries, if any (its "sent" state reads <see cref="SentAt"/>).</summary>
    public Guid? InvitationId { get; set; }
}
