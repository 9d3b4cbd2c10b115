using System.Security.Claims;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Components.Pages.Review;

/// <summary>
/// Which organisation the signed-in person works for. An <c>organization_id</c> claim decides when the identity
/// provider sends one; without it (the development provider sends none) a store holding exactly one organisation
/// is that person's. Anything else resolves to no scope, and every patient is then "not found".
/// </summary>
public sealed class ReviewScopeResolver(IDbContextFactory<DashboardDbContext> contexts)
{
    public const string OrganizationClaim = "organization_id";

    public async Task<ReviewScope?> ResolveAsync(ClaimsPrincipal person, CancellationToken ct = default)
    {
        if (Guid.TryParse(person.FindFirst(OrganizationClaim)?.Value, out var claimed))
        {
            return ReviewScope.ForOrganization(claimed);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var organizations = await db.Organizations.Select(o => o.Id).Take(2).ToListAsync(ct);
        return organizations.Count == 1 ? ReviewScope.ForOrganization(organizations[0]) : null;
    }
}
