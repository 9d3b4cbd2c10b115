using Dashboard.Core.Organizations;

namespace Dashboard.Core.Access;

/// <summary>
/// A console person's place in one organisation, with their role there. An invitation is a membership keyed by email
/// alone; at the person's first sign-in it is bound to their provider's issuer and subject, and from then on only that
/// issuer and subject match it (an email address alone can be re-used or claimed elsewhere).
/// </summary>
public sealed class StaffMembership
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Email { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>One of <see cref="ConsoleRoles.All"/>; the console's role when <c>Authentication:RolesFrom</c> is <c>store</c>.</summary>
    public string Role { get; set; } = ConsoleRoles.Viewer;

    /// <summary>The sign-in provider's issuer, set at the first sign-in (null while the invitation is open).</summary>
    public string? Issuer { get; set; }

    /// <summary>The person's subject at <see cref="Issuer"/>, set at the first sign-in.</summary>
    public string? Subject { get; set; }
    public DateTime? BoundAt { get; set; }
    public string? InvitedBy { get; set; }
}
