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

    /// <summary>The organisation an organisation-wide action (no team) belongs to.</summary>
    public Guid? OrganizationId { get; set; }
    public Guid? UserId { get; set; }
    public string? ClientUserId { get; set; }
    public string? ClientIp { get; set; }
    public string? Details { get; set; }
}

/// <summary>
/// Every audited action, in one list (the audit page's filter offers exactly these). An action is written by the Core
/// operation that performs it, in the same transaction as the change.
/// </summary>
public static class AuditActions
{
    public const string ViewPatient = "patient.viewed";
    public const string ViewGlucose = "patient.glucose_viewed";
    public const string CreateReconnectLink = "patient.reconnect_link_created";
    public const string ImportCsv = "patient.csv_imported";
    public const string ChangePractice = "practice.changed";
    public const string ChangeBinding = "practice_binding.changed";
    public const string CreateOrganization = "organization.created";
    public const string InviteMember = "member.invited";
    public const string ChangeMemberRole = "member.role_changed";
    public const string RemoveMember = "member.removed";
    public const string CreateTeam = "team.created";
    public const string RenameTeam = "team.renamed";
    public const string CreateTeamApiKey = "team_api_key.created";
    public const string RevokeTeamApiKey = "team_api_key.revoked";
    public const string CreateManagementKey = "management_key.created";
    public const string RevokeManagementKey = "management_key.revoked";
    public const string AddWebhookEndpoint = "webhook_endpoint.added";
    public const string EnableWebhookEndpoint = "webhook_endpoint.enabled";
    public const string DisableWebhookEndpoint = "webhook_endpoint.disabled";
    public const string RotateWebhookSecret = "webhook_endpoint.secret_rotated";
    public const string DeleteWebhookEndpoint = "webhook_endpoint.deleted";
    public const string RemovePractice = "practice.removed";
    public const string ExportPatientList = "patient_list.exported";
    public const string SignInPracticeAccount = "practice_account.signed_in";
    public const string ChangePlan = "organization.plan_changed";
    public const string SendInvitation = "patient.invitation_sent";
    public const string ResendInvitation = "patient.invitation_resent";
    public const string ChangePatientProfile = "patient.profile_changed";
    public const string AddPatientTag = "patient.tag_added";
    public const string RemovePatientTag = "patient.tag_removed";

    /// <summary>The list the audit page filters by; a helper adding an action appends it here.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ViewPatient, ViewGlucose, CreateReconnectLink, ImportCsv, ChangePractice, ChangeBinding,
        CreateOrganization, InviteMember, ChangeMemberRole, RemoveMember, CreateTeam, RenameTeam,
        CreateTeamApiKey, RevokeTeamApiKey, CreateManagementKey, RevokeManagementKey,
        AddWebhookEndpoint, EnableWebhookEndpoint, DisableWebhookEndpoint, RotateWebhookSecret, DeleteWebhookEndpoint, RemovePractice,
        ExportPatientList,
        SignInPracticeAccount, ChangePlan, SendInvitation, ResendInvitation,
        ChangePatientProfile, AddPatientTag, RemovePatientTag,
    ];
}

/// <summary>Who is acting, as the audit log records them.</summary>
public sealed record AuditActor(string Name, string Role, string? ClientIp)
{
    /// <summary>The role recorded for calls of the Org Management API, which act with an organisation management key.</summary>
    public const string ManagementKeyRole = "management_key";

    /// <summary>The role recorded for the command-line tool, run by someone with the store's file or connection string.</summary>
    public const string CommandLineRole = "cli";

    /// <summary>The role recorded for what the installation does on its own (an unattended practice-account sign-in).</summary>
    public const string InstallationRole = "installation";

    /// <summary>The installation itself, acting with no person behind it (sync, linking and verification needing a session).</summary>
    public static AuditActor Installation(string what) => new($"installation: {what}", InstallationRole, null);

    /// <summary>The command-line tool, named by the operating-system account that ran it.</summary>
    public static AuditActor CommandLine() => new($"cli:{Environment.UserName}@{Environment.MachineName}", CommandLineRole, null);

    /// <summary>A management-key call, named by the key's first characters (never the secret).</summary>
    public static AuditActor ForManagementKey(string presentedKey, string? clientIp) =>
        new($"management key {presentedKey.Trim()[..Math.Min(10, presentedKey.Trim().Length)]}…", ManagementKeyRole, clientIp);
}
