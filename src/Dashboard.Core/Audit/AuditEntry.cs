namespace Dashboard.Core.Audit;

/// <summary>One line of the audit log (DESIGN §9): who did what to which patient, when (UTC), from where. Never edited.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string ActorRole { get; set; }
    public required string Action { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? UserId { get; set; }
    public string? ClientUserId { get; set; }
    public string? ClientIp { get; set; }
    public string? Details { get; set; }
}

public static class AuditActions
{
    public const string ViewPatient = "patient.viewed";
    public const string ViewGlucose = "patient.glucose_viewed";
    public const string CreateReconnectLink = "patient.reconnect_link_created";
    public const string ImportCsv = "patient.csv_imported";
    public const string ChangePractice = "practice.changed";
    public const string ChangeBinding = "practice_binding.changed";
}

/// <summary>Who is acting, as the audit log records them.</summary>
public sealed record AuditActor(string Name, string Role, string? ClientIp);
