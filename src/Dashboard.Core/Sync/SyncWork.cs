using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>One claimed connection and everything a sync of it reads and changes, in one unit of work.</summary>
internal sealed class SyncWork(
    DashboardDbContext db, Connection connection, Team team, string clientUserId,
    ConnectionSyncState state, HistoricalPull? pull, StoreLease<ConnectionSyncState> lease, SyncOptions options, TimeProvider time)
{
    public DashboardDbContext Db => db;
    public Connection Connection => connection;
    public Team Team => team;
    public string ClientUserId => clientUserId;
    public ConnectionSyncState State => state;
    public HistoricalPull? Pull => pull;
    public SyncOptions Options => options;
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public static async Task<SyncWork?> LoadAsync(DashboardDbContext db, Guid connectionId, StoreLease<ConnectionSyncState> lease, SyncOptions options, TimeProvider time, CancellationToken ct)
    {
        var connection = await db.Connections.Include(c => c.User).ThenInclude(u => u!.Team).FirstOrDefaultAsync(c => c.Id == connectionId, ct);
        var state = await db.SyncStates.FindAsync([connectionId], ct);
        if (connection?.User?.Team is null || state is null) return null;
        var pull = await db.HistoricalPulls.FindAsync([connectionId], ct);
        return new SyncWork(db, connection, connection.User.Team, connection.User.ClientUserId, state, pull, lease, options, time);
    }

    /// <summary>Saves the unit of work if the lease is still ours (renewing it), optionally letting the connection go.</summary>
    public async Task CommitAsync(bool release, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The check that the lease is still ours is an UPDATE of its row, so the row stays locked until the commit.
        if (!await (release ? lease.ReleaseAsync(ct: ct) : lease.RenewAsync(ct)))
        {
            throw new LeaseLostException("connection");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
