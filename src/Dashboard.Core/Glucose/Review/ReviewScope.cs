namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// Whose patients the signed-in person may see (DESIGN §9): one organisation, or a set of teams. A patient outside
/// it is "not found", never a leak. There is no unscoped value: build one with <see cref="ForOrganization"/> or <see cref="ForTeams"/>.
/// </summary>
public sealed record ReviewScope
{
    private ReviewScope(Guid? organizationId, IReadOnlyCollection<Guid>? teamIds)
    {
        OrganizationId = organizationId;
        TeamIds = teamIds;
    }

    public Guid? OrganizationId { get; }

    public IReadOnlyCollection<Guid>? TeamIds { get; }

    public static ReviewScope ForOrganization(Guid organizationId) => new(organizationId, null);

    public static ReviewScope ForTeams(IEnumerable<Guid> teamIds) => new(null, teamIds.Distinct().ToArray());
}
