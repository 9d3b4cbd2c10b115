namespace Dashboard.Core.Invitations;

/// <summary>
/// A link mailed to a patient to connect (or re-connect) their LibreView account. It stays valid for days
/// (<see cref="InvitationOptions.Validity"/>), unlike a link token, and is not itself a link token: each time the patient
/// opens it and continues, it mints a fresh one-use link token for the Link widget. Only the secret's hash is stored.
/// </summary>
public sealed class PatientInvitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }

    /// <summary><see cref="InvitationKinds.Connect"/> or <see cref="InvitationKinds.Reconnect"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The only provider the minted link tokens may link; null lets the patient choose.</summary>
    public string? Provider { get; set; }
    public required string Email { get; set; }
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>When the current secret stops working (a resend gives a new secret and a new date).</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime LastSentAt { get; set; }
    public int TimesSent { get; set; } = 1;
    public DateTime? OpenedAt { get; set; }

    /// <summary>The link token minted at the latest opening: its use by a successful link makes the invitation connected.</summary>
    public Guid? LinkTokenId { get; set; }
}

public static class InvitationKinds
{
    public const string Connect = "connect";
    public const string Reconnect = "reconnect";
}

/// <summary>Invitation settings (section <c>Invitations</c>).</summary>
public sealed class InvitationOptions
{
    public const string Section = "Invitations";

    /// <summary>How long an invitation link works after it is sent (or re-sent).</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>What the patient page shows of an invitation.</summary>
public enum InvitationState
{
    Sent,
    Opened,
    Connected,
    Expired,
}
