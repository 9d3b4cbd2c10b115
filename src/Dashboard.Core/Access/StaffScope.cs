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
    /// <summary>The scope of a signed-in person, by the email their sign-in provider vouches for.</summary>
    public Task<StaffScope> ForUserAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default) =>
        ForEmailAsync(StaffIdentity.EmailOf(user), ct);

    public async Task<StaffScope> ForEmailAsync(string? email, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return StaffScope.None;
        }
        var key = email.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var membership = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.Email == key)
            .Select(m => new { m.OrganizationId, m.Organization!.Name })
            .FirstOrDefaultAsync(ct);
        if (membership is null)
        {
            return StaffScope.None;
        }
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganizationId == membership.OrganizationId).Select(t => t.Id).ToListAsync(ct);
        return new StaffScope(membership.OrganizationId, membership.Name, teams);
    }
}
