using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// A claim on one endpoint in the store (owner + expiry), so app instances sharing a database never send to the
/// same endpoint at once — which would break the per-endpoint order — and a crashed instance's claim runs out.
/// </summary>
internal sealed class EndpointLease(DashboardDbContext db, Guid endpointId, string owner, TimeSpan duration, TimeProvider time)
{
    /// <summary>Takes the endpoint if it is free (or already ours), or extends our hold on it.</summary>
    public async Task<bool> TakeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var taken = await db.WebhookEndpoints
            .Where(e => e.Id == endpointId && (e.LeaseUntil == null || e.LeaseUntil < now || e.LeaseOwner == owner))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeaseOwner, owner).SetProperty(e => e.LeaseUntil, until), cancellationToken);
        return taken == 1;
    }

    public Task ReleaseAsync() =>
        db.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseUntil, (DateTime?)null));
}
