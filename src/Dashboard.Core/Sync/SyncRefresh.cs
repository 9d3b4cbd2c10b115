using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

public sealed record RefreshOutcome(IReadOnlyList<string> Refreshed, IReadOnlyList<string> InProgress, IReadOnlyList<string> Failed);

/// <summary><c>POST /v2/user/refresh</c>: makes a user's connected connections due now (a failed pull is tried again) and wakes the engine.</summary>
public sealed class SyncRefresh(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, SyncSignal signal)
{
    /// <returns>Null when the team has no such user.</returns>
    public async Task<RefreshOutcome?> RefreshAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.TeamId == teamId, ct))
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var connections = await db.Connections.Where(c => c.UserId == userId).ToListAsync(ct);
        var ids = connections.Select(c => c.Id).ToList();
        var states = await db.SyncStates.Where(s => ids.Contains(s.ConnectionId)).ToDictionaryAsync(s => s.ConnectionId, ct);
        var pulls = await db.HistoricalPulls.Where(p => ids.Contains(p.ConnectionId)).ToDictionaryAsync(p => p.ConnectionId, ct);
        List<string> refreshed = [], inProgress = [], failed = [];
        foreach (var connection in connections)
        {
            if (connection.Status != ConnectionStatus.Connected)
            {
                failed.Add(connection.Provider);
                continue;
            }
            if (!states.TryGetValue(connection.Id, out var state))
            {
                // Linked moments ago: the engine has not adopted it yet, and its historical pull is already scheduled.
                inProgress.Add(connection.Provider);
                continue;
            }
            state.NextDueAt = now;
            if (pulls.GetValueOrDefault(connection.Id) is { } pull && pull.Status == PullStatus.Failure)
            {
                pull.MoveTo(PullStatus.Scheduled, now);
            }
            (state.LeaseOwner is null ? refreshed : inProgress).Add(connection.Provider);
        }
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return new RefreshOutcome(refreshed, inProgress, failed);
    }
}
