namespace Dashboard.Core.Access;

/// <summary>
/// The console's named authorization policies and the roles each admits (DESIGN §9): one table that pages, components
/// and endpoints use by name (as ASP.NET Core policies) and that Core operations check again against the acting person.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>Any member: the overview and a patient's page.</summary>
    public const string ViewConsole = "ViewConsole";
    public const string ReviewGlucose = "ReviewGlucose";
    public const string ViewPatientList = "ViewPatientList";
    public const string ExportPatients = "ExportPatients";
    public const string ReconnectPatients = "ReconnectPatients";
    public const string ImportReadings = "ImportReadings";
    /// <summary>A patient's display name, date of birth and tags.</summary>
    public const string EditPatientProfiles = "EditPatientProfiles";
    public const string ViewEvents = "ViewEvents";
    /// <summary>Members, teams, keys, practices, plan, webhook endpoints, audit log.</summary>
    public const string ManageOrganization = "ManageOrganization";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [ViewConsole] = ConsoleRoles.All,
        [ReviewGlucose] = ConsoleRoles.All,
        // Viewers (clinical reviewers) reach patients through the list too: read-only, with the review as the row's action.
        [ViewPatientList] = ConsoleRoles.All,
        [ExportPatients] = [ConsoleRoles.Support, ConsoleRoles.Admin],
        [ReconnectPatients] = [ConsoleRoles.Support, ConsoleRoles.Admin],
        [ImportReadings] = [ConsoleRoles.Support, ConsoleRoles.Admin],
        // Support keeps the patient record that finding a patient depends on; clinical reviewers read it.
        [EditPatientProfiles] = [ConsoleRoles.Support, ConsoleRoles.Admin],
        [ViewEvents] = [ConsoleRoles.Support, ConsoleRoles.Admin],
        [ManageOrganization] = [ConsoleRoles.Admin],
    };

    public static bool Allows(string policy, string? role) =>
        role is not null && Roles.TryGetValue(policy, out var roles) && roles.Contains(role);
}

/// <summary>Thrown by a Core operation when the acting person's role does not allow it (a page would not have offered it).</summary>
public sealed class ConsoleAccessDeniedException(string policy, string? role)
    : UnauthorizedAccessException($"The role '{role ?? "none"}' may not do this ({policy}).")
{
    public string Policy { get; } = policy;

    /// <summary>As <see cref="ThrowUnlessAllowed"/>, but an Org Management API call (a management key) may too.</summary>
    public static void ThrowUnlessAllowedOrManagementKey(string policy, Audit.AuditActor actor)
    {
        if (actor.Role != Audit.AuditActor.ManagementKeyRole)
        {
            ThrowUnlessAllowed(policy, actor);
        }
    }

    public static void ThrowUnlessAllowed(string policy, Audit.AuditActor actor)
    {
        if (!ConsolePolicies.Allows(policy, actor.Role))
        {
            throw new ConsoleAccessDeniedException(policy, actor.Role);
        }
    }
}
