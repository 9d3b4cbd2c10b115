using Dashboard.Core.Access;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Organizations;

public sealed record TeamSummary(Guid Id, string Name, TeamEnvironment Environment, DeploymentRegion DeploymentRegion);

public sealed record OrganizationSummary(Guid Id, string Name, Plan Plan, IReadOnlyList<TeamSummary> Teams);

/// <summary>Read side of organisations and their teams, for the settings page.</summary>
public sealed class OrganizationDirectory(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>The person's organisation with its teams (a list, empty when they belong to none).</summary>
    public async Task<IReadOnlyList<OrganizationSummary>> ListAsync(StaffScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == scope.OrganizationId)
            .Include(o => o.Teams)
            .OrderBy(o => o.Name)
            .ToListAsync(cancellationToken);
        return organizations
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.Plan,
                o.Teams.OrderBy(t => t.Name).Select(t => new TeamSummary(t.Id, t.Name, t.Environment, t.DeploymentRegion)).ToList()))
            .ToList();
    }
}
