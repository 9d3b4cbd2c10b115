using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Access;

/// <summary>
/// What a signed-in person may see (DESIGN §9): their organisation's teams. Every console query takes a scope;
/// a record outside it is "not found", never a leak.
/// </summary>
public sealed record StaffScope(Guid OrganizationId, string OrganizationName, IReadOnlyList<Guid> TeamIds)
{
    public static StaffScope None { get; } = new(Guid.Empty, "", []);

    public bool Includes(Guid teamId) => TeamIds.Contains(teamId);
}

public sealed class StaffScopeResolver(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>
    /// The scope of a signed-in person: the organisation the console chose for them (<see cref="StaffIdentity.OrganizationClaim"/>)
    /// when they are a member of it, else the first of their organisations by name.
    /// </summary>
    public Task<StaffScope> ForUserAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default) =>
        ForPersonAsync(StaffIdentity.PersonOf(user), StaffIdentity.OrganizationOf(user), ct);

    /// <summary>The scope of an open invitation or unbound membership, by email alone (command line, tests).</summary>
    public Task<StaffScope> ForEmailAsync(string? email, CancellationToken ct = default) =>
        ForPersonAsync(new StaffPerson(null, null, email, null), null, ct);

    public async Task<StaffScope> ForPersonAsync(StaffPerson person, Guid? chosenOrganization, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var memberships = await Memberships.Matching(db.StaffMemberships.AsNoTracking(), person)
            .Select(m => new { m.OrganizationId, m.Organization!.Name })
            .ToListAsync(ct);
        var membership = memberships.FirstOrDefault(m => m.OrganizationId == chosenOrganization)
            ?? memberships.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        if (membership is null)
        {
            return StaffScope.None;
        }
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganizationId == membership.OrganizationId).Select(t => t.Id).ToListAsync(ct);
        return new StaffScope(membership.OrganizationId, membership.Name, teams);
    }
}
