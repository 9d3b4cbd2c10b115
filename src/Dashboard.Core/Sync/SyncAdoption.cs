using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// Gives a sync state to connections that have none — made before sync existed, or seeded straight into the
/// store — so they are scheduled exactly as a link would schedule them.
/// </summary>
internal sealed class SyncAdoption(IDbContextFactory<DashboardDbContext> contexts, ISyncScheduler scheduler)
{
    private const int Batch = 100;

    public async Task AdoptAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var orphans = await db.Connections
            .Where(c => !db.SyncStates.Any(s => s.ConnectionId == c.Id))
            .Where(c => c.Status == ConnectionStatus.Connected || c.ErrorType == SyncErrorTypes.UserNotFound)
            .Take(Batch)
            .ToListAsync(ct);
        if (orphans.Count == 0) return;
        foreach (var connection in orphans)
        {
            await scheduler.ConnectionLinkedAsync(db, connection, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another engine adopted them in between; its rows stand.
        }
    }
}
