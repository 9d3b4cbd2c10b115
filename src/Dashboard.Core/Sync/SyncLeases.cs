using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;

namespace Dashboard.Core.Sync;

/// <summary>The sync engine's lease: one per connection, on its sync state row.</summary>
internal static class SyncLeases
{
    public static readonly LeaseColumns<ConnectionSyncState> Columns = new(s => s.LeaseOwner, s => s.LeaseExpiresAt)
    {
        // Our own unexpired lease is one a failed cycle left (a store that refused the write that would release it);
        // an engine runs each connection once per cycle, so nothing of ours holds it now: take it back at once.
        OwnerMayReclaim = true,
    };

    public static StoreLease<ConnectionSyncState> On(DashboardDbContext db, Guid connectionId, string owner, TimeSpan duration, TimeProvider time) =>
        new(db.SyncStates.Where(s => s.ConnectionId == connectionId), Columns, owner, duration, time);
}
