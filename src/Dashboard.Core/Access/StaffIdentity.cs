using System.Security.Claims;
using Dashboard.Core.Audit;

namespace Dashboard.Core.Access;

/// <summary>Who a signed-in console person is, read from their sign-in claims: one place for the claim names.</summary>
public static class StaffIdentity
{
    /// <summary>The claim the sign-in provider puts the person's email in; memberships are keyed by it.</summary>
    public const string EmailClaim = "email";

    public static string? EmailOf(ClaimsPrincipal user) => user.FindFirst(EmailClaim)?.Value;

    /// <summary>The person's console role (the strongest first), or null.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => ConsoleRoles.All.FirstOrDefault(user.IsInRole);

    /// <summary>The person as the audit log records them.</summary>
    public static AuditActor ActorOf(ClaimsPrincipal user, string? clientIp) =>
        new(EmailOf(user) ?? user.Identity?.Name ?? "unknown", RoleOf(user) ?? "none", clientIp);
}
