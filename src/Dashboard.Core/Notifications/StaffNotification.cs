namespace Dashboard.Core.Notifications;

/// <summary>
/// "A patient's connection broke", for one support member of the patient's organisation: listed in the console's
/// notification bell until read, and mailed at once or in the member's daily digest (<see cref="MailedAt"/>).
/// </summary>
public sealed class StaffNotification
{
    public long Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid MembershipId { get; set; }
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
    public required string ClientUserId { get; set; }
    public required string Provider { get; set; }
    public required string ErrorType { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>When its mail (single, or a digest that lists it) was put in the outbox; null while a digest is pending.</summary>
    public DateTime? MailedAt { get; set; }
}

/// <summary>How a member wants their notification mail: each at once, or one digest a day.</summary>
public static class NotificationDelivery
{
    public const string Immediate = "immediate";
    public const string DailyDigest = "daily_digest";

    public static IReadOnlyList<string> All { get; } = [Immediate, DailyDigest];
}

/// <summary>A member's notification setting (one row per membership; none means <see cref="NotificationDelivery.Immediate"/>).</summary>
public sealed class NotificationSetting
{
    public Guid MembershipId { get; set; }
    public string Delivery { get; set; } = NotificationDelivery.Immediate;

    /// <summary>When the last digest was queued; the next is due a day later.</summary>
    public DateTime? LastDigestAt { get; set; }
}
