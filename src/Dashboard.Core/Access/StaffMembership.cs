using Dashboard.Core.Organizations;

namespace Dashboard.Core.Access;

/// <summary>A console user (by the email their sign-in provider vouches for) belongs to one organisation.</summary>
public sealed class StaffMembership
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Email { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DateTime CreatedAt { get; set; }
}
