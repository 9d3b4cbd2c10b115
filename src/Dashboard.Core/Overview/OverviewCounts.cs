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
    public async Task<OverviewCounts> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var byStatus = await db.Connections
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        return new OverviewCounts(
            await db.Organizations.CountAsync(cancellationToken),
            await db.Teams.CountAsync(cancellationToken),
            await db.Users.CountAsync(cancellationToken),
            byStatus.GetValueOrDefault(ConnectionStatus.Connected),
            byStatus.GetValueOrDefault(ConnectionStatus.Error),
            await db.Organizations.OrderBy(o => o.Name).Select(o => o.Name).ToListAsync(cancellationToken));
    }
}
