using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

public sealed record PullReport(Guid UserId, string ClientUserId, string Provider, ConnectionStatus ConnectionStatus, HistoricalPull Pull);

/// <summary><c>GET /v2/introspect/historical_pull</c>: the historical pulls of a team's connections.</summary>
public sealed class PullIntrospection(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<PullReport>> ForTeamAsync(Guid teamId, Guid? userId, string? provider, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.HistoricalPulls.AsNoTracking()
            .Join(db.Connections, p => p.ConnectionId, c => c.Id, (p, c) => new { Pull = p, Connection = c, c.User })
            .Where(x => x.User!.TeamId == teamId)
            .Where(x => userId == null || x.Connection.UserId == userId)
            .Where(x => provider == null || x.Connection.Provider == provider)
            .OrderBy(x => x.User!.ClientUserId).ThenBy(x => x.Connection.Provider)
            .ToListAsync(ct);
        return rows.Select(x => new PullReport(x.Connection.UserId, x.User!.ClientUserId, x.Connection.Provider, x.Connection.Status, x.Pull)).ToList();
    }
}
