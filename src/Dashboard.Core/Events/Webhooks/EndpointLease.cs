using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// A claim on one endpoint in the store (owner + expiry), so app instances sharing a database never send to the
/// same endpoint at once — which would break the per-endpoint order — and a crashed instance's claim runs out.
/// </summary>
internal sealed class EndpointLease(DashboardDbContext db, Guid endpointId, string owner, TimeSpan duration, TimeProvider time)
{
    /// <summary>Takes the endpoint if nobody holds it or the holder's time ran out.</summary>
    public Task<bool> TakeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return ClaimAsync(e => e.Id == endpointId && (e.LeaseUntil == null || e.LeaseUntil < now), cancellationToken);
    }

    /// <summary>Extends our hold before more work; false when we lost it and must stop.</summary>
    public Task<bool> RenewAsync(CancellationToken cancellationToken) =>
        ClaimAsync(e => e.Id == endpointId && e.LeaseOwner == owner, cancellationToken);

    private async Task<bool> ClaimAsync(System.Linq.Expressions.Expression<Func<WebhookEndpoint, bool>> condition, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime + duration;
        var claimed = await db.WebhookEndpoints.Where(condition)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeaseOwner, owner).SetProperty(e => e.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    public Task ReleaseAsync() =>
        db.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseUntil, (DateTime?)null));
}
