using System.Collections.Concurrent;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// Sends stored events to webhook endpoints. Each endpoint is served on its own (a slow receiver holds up only itself);
/// per enabled endpoint it holds a lease on:
/// queues a delivery for every new event of the endpoint's team past its cursor (the outbox — events are in the
/// store, so nothing is lost across a restart), then sends open deliveries in event-id order. A failing delivery
/// holds back the later ones of that endpoint until it succeeds or its retry window ends (dead): the endpoint backs off
/// on the delivery's retry schedule, and a receiver that does not answer within the short request timeout has failed.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<DashboardDbContext> contexts,
    WebhookSender sender,
    RetrySchedule retries,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// One lease per endpoint, not per delivery: an endpoint's deliveries must go out in event order, one at a time, so
    /// the endpoint is the unit no two instances may serve at once.
    /// </summary>
    internal static readonly LeaseColumns<WebhookEndpoint> LeaseColumns = new(e => e.LeaseOwner, e => e.LeaseUntil);

    private const int QueueBatchSize = 500;
    private readonly string _instance = $"{Environment.MachineName}/{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _oneCycleAtATime = new(1, 1);
    private readonly ConcurrentDictionary<Guid, Task> _serving = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Webhook dispatcher is off (Webhooks:Enabled = false)");
            return;
        }
        try
        {
            await PollingLoop.RunAsync("Webhook dispatch", StartIdleEndpointsAsync, PollPace.Every(options.Value.PollInterval, time), logger, stoppingToken);
        }
        finally
        {
            await Task.WhenAll(_serving.Values);
        }
    }

    /// <summary>One pass over every enabled endpoint, waiting until each has been served; what tests call.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await StartIdleEndpointsAsync(cancellationToken);
        await Task.WhenAll(_serving.Values);
    }

    /// <summary>
    /// Starts serving every enabled endpoint that is not being served already, each on its own, so a slow endpoint delays
    /// only itself: the poll never waits for sends. A team holds at most <see cref="WebhookOptions.MaxParallelEndpointsPerTeam"/>
    /// of the <see cref="WebhookOptions.MaxParallelEndpoints"/> slots, so one organisation's slow receivers cannot take them all.
    /// </summary>
    private async Task StartIdleEndpointsAsync(CancellationToken cancellationToken)
    {
        await _oneCycleAtATime.WaitAsync(cancellationToken);
        try
        {
            List<(Guid Id, Guid TeamId)> endpoints;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                endpoints = (await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).Select(e => new { e.Id, e.TeamId }).ToListAsync(cancellationToken))
                    .Select(e => (e.Id, e.TeamId)).ToList();
            }
            var settings = options.Value;
            var busyPerTeam = endpoints.Where(e => _serving.ContainsKey(e.Id)).GroupBy(e => e.TeamId).ToDictionary(g => g.Key, g => g.Count());
            foreach (var (id, teamId) in endpoints)
            {
                if (_serving.Count >= Math.Max(1, settings.MaxParallelEndpoints))
                {
                    return;
                }
                if (_serving.ContainsKey(id) || busyPerTeam.GetValueOrDefault(teamId) >= Math.Max(1, settings.MaxParallelEndpointsPerTeam))
                {
                    continue;
                }
                busyPerTeam[teamId] = busyPerTeam.GetValueOrDefault(teamId) + 1;
                var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _serving[id] = ServeThenLeaveAsync(id, registered.Task, cancellationToken);
                registered.SetResult();
            }
        }
        finally
        {
            _oneCycleAtATime.Release();
        }
    }

    /// <summary>Serves one endpoint on the thread pool, then frees its slot (only once the slot is surely taken).</summary>
    private async Task ServeThenLeaveAsync(Guid endpointId, Task registered, CancellationToken cancellationToken)
    {
        await registered;
        try
        {
            await Task.Run(() => ServeAsync(endpointId, cancellationToken), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _serving.TryRemove(endpointId, out _);
        }
    }

    private async Task ServeAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lease = new StoreLease<WebhookEndpoint>(db.WebhookEndpoints.Where(e => e.Id == endpointId), LeaseColumns, _instance, options.Value.LeaseDuration, time);
        if (!await lease.TryClaimAsync(null, cancellationToken))
        {
            return;
        }
        try
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId, cancellationToken);
            await QueueNewEventsAsync(db, endpoint, cancellationToken);
            await SendInOrderAsync(db, endpoint, lease, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            // One endpoint's trouble must not stop the others; this one is tried again next cycle.
            logger.LogError(failure, "Webhook endpoint {EndpointId} could not be served this cycle", endpointId);
        }
        finally
        {
            await lease.ReleaseAsync(ct: CancellationToken.None);
        }
    }

    private async Task QueueNewEventsAsync(DashboardDbContext db, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var cursor = endpoint.LastQueuedEventId;
        while (true)
        {
            var batch = await db.Events.AsNoTracking()
                .Where(e => e.TeamId == endpoint.TeamId && e.Id > cursor)
                .OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.EventType })
                .Take(QueueBatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }
            var now = time.GetUtcNow().UtcDateTime;
            db.WebhookDeliveries.AddRange(batch.Where(e => endpoint.Wants(e.EventType))
                .Select(e => WebhookDelivery.Queue(endpoint.Id, e.Id, now, options.Value.RetryWindow)));
            cursor = batch[^1].Id;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LastQueuedEventId, cursor), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task SendInOrderAsync(DashboardDbContext db, WebhookEndpoint endpoint, StoreLease<WebhookEndpoint> lease, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < options.Value.MaxSendsPerEndpointPerCycle; sent++)
        {
            var head = await db.WebhookDeliveries
                .Where(d => d.EndpointId == endpoint.Id && (d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Failed))
                .OrderBy(d => d.EventId)
                .FirstOrDefaultAsync(cancellationToken);
            if (head is null || head.NextAttemptAt > time.GetUtcNow().UtcDateTime || !await lease.RenewAsync(cancellationToken))
            {
                return;
            }
            var stored = await db.Events.AsNoTracking().SingleAsync(e => e.Id == head.EventId, cancellationToken);
            var outcome = await sender.SendAsync(endpoint, stored, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            db.WebhookAttempts.Add(head.Record(outcome, now, retries));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (head.Status == WebhookDeliveryStatus.Failed)
            {
                logger.LogInformation("Webhook {MessageId} to endpoint {EndpointId} failed ({Error}); next attempt at {NextAttemptAt:O}",
                    EventEnvelope.MessageId(stored.Id), endpoint.Id, outcome.Error, head.NextAttemptAt);
                return;
            }
        }
    }
}
