using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Overview;

/// <summary>The figures on the console's front page.</summary>
public sealed record OverviewCounts(
    int Organizations,
    int Teams,
    int Patients,
    int ConnectedConnections,
    int ErroredConnections,
    IReadOnlyList<string> OrganizationNames)
{
    public int Connections => ConnectedConnections + ErroredConnections;
    public bool IsEmpty => Organizations == 0 && Teams == 0 && Patients == 0 && Connections == 0;
}

public sealed class OverviewQuery(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Counts within the person's organisation (DESIGN §9); nothing for a person with no organisation.</summary>
    public async Task<OverviewCounts> GetAsync(StaffScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamIds = scope.TeamIds.ToList();
        var byStatus = await db.Connections
            .Where(c => teamIds.Contains(c.User!.TeamId))
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var organizations = await db.Organizations.Where(o => o.Id == scope.OrganizationId).Select(o => o.Name).ToListAsync(cancellationToken);
        return new OverviewCounts(
            organizations.Count,
            teamIds.Count,
            await db.Users.CountAsync(u => teamIds.Contains(u.TeamId), cancellationToken),
            byStatus.GetValueOrDefault(ConnectionStatus.Connected),
            byStatus.GetValueOrDefault(ConnectionStatus.Error),
            organizations);
    }
}
