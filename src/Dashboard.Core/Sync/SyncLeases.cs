using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// Leases on connections in the store (DESIGN §10): each is one conditional UPDATE, so of two engines on one
/// database only one wins a claim, and an owner whose lease ran out finds out before it writes.
/// </summary>
internal static class SyncLeases
{
    public static async Task<bool> TryClaimAsync(DashboardDbContext db, Guid connectionId, string owner, DateTime now, TimeSpan duration, CancellationToken ct) =>
        await db.SyncStates
            // Our own unexpired lease is one a failed cycle left (a store that refused the write that would release it);
            // an engine runs each connection once per cycle, so nothing of ours holds it now: take it back at once.
            .Where(s => s.ConnectionId == connectionId && s.NextDueAt <= now && (s.LeaseOwner == null || s.LeaseOwner == owner || s.LeaseExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, owner).SetProperty(x => x.LeaseExpiresAt, now + duration), ct) == 1;

    public static async Task<bool> RenewAsync(DashboardDbContext db, Guid connectionId, string owner, DateTime now, TimeSpan duration, CancellationToken ct) =>
        await db.SyncStates
            .Where(s => s.ConnectionId == connectionId && s.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseExpiresAt, now + duration), ct) == 1;
}

/// <summary>Another engine took the connection over (our lease ran out): stop without writing.</summary>
internal sealed class LeaseLostException() : Exception("The lease on the connection was taken over by another engine");
