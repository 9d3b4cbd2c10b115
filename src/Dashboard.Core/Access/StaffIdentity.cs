using System.Security.Claims;
using Dashboard.Core.Audit;

namespace Dashboard.Core.Access;

/// <summary>A signed-in person as their provider vouches for them: issuer and subject, and the email claim.</summary>
public sealed record StaffPerson(string? Issuer, string? Subject, string? Email, bool? EmailVerified)
{
    /// <summary>Lower-case and trimmed: how memberships store emails.</summary>
    public string? NormalizedEmail => StaffIdentity.Normalize(Email);

    /// <summary>True when the provider said in so many words that the email is not verified (<c>email_verified=false</c>).</summary>
    public bool EmailUnverified => EmailVerified == false;
}

/// <summary>Who a signed-in console person is, read from their sign-in claims: one place for the claim names.</summary>
public static class StaffIdentity
{
    /// <summary>The claim the sign-in provider puts the person's email in; invitations are keyed by it.</summary>
    public const string EmailClaim = "email";
    public const string EmailVerifiedClaim = "email_verified";
    public const string SubjectClaim = "sub";

    /// <summary>
    /// Added by the console at each request (never by the provider): the organisation the person is working in, one they
    /// are a member of. Its absence means "not a member of any organisation".
    /// </summary>
    public const string OrganizationClaim = "dashboard_org";

    public static string? EmailOf(ClaimsPrincipal user) => user.FindFirst(EmailClaim)?.Value;

    public static string? Normalize(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    public static StaffPerson PersonOf(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(SubjectClaim);
        var verified = user.FindFirst(EmailVerifiedClaim)?.Value;
        // The OpenID Connect handler stamps each claim with the token's issuer (iss).
        return new StaffPerson(subject?.Issuer, subject?.Value, EmailOf(user),
            verified is null ? null : bool.TryParse(verified, out var parsed) ? parsed : verified == "1");
    }

    /// <summary>The organisation the console chose for this request (see <see cref="OrganizationClaim"/>), or null.</summary>
    public static Guid? OrganizationOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(OrganizationClaim)?.Value, out var id) ? id : null;

    /// <summary>The person's console role (the strongest first), or null.</summary>
    public static string? RoleOf(ClaimsPrincipal user) => ConsoleRoles.All.FirstOrDefault(user.IsInRole);

    /// <summary>The person as the audit log records them.</summary>
    public static AuditActor ActorOf(ClaimsPrincipal user, string? clientIp) =>
        new(EmailOf(user) ?? user.Identity?.Name ?? "unknown", RoleOf(user) ?? "none", clientIp);
}
