using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// Sends stored events to webhook endpoints. Each cycle, per enabled endpoint it holds a lease on:
/// queues a delivery for every new event of the endpoint's team past its cursor (the outbox — events are in the
/// store, so nothing is lost across a restart), then sends open deliveries in event-id order. A failing delivery
/// holds back the later ones of that endpoint until it succeeds or its retry window ends (dead).
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<DashboardDbContext> contexts,
    WebhookSender sender,
    RetrySchedule retries,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int QueueBatchSize = 500;
    private readonly string _instance = $"{Environment.MachineName}/{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _oneCycleAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Webhook dispatcher is off (Webhooks:Enabled = false)");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(failure, "Webhook dispatch cycle failed; trying again next cycle");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over every enabled endpoint; what the timer runs, and what tests call.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _oneCycleAtATime.WaitAsync(cancellationToken);
        try
        {
            await ServeEnabledEndpointsAsync(cancellationToken);
        }
        finally
        {
            _oneCycleAtATime.Release();
        }
    }

    private async Task ServeEnabledEndpointsAsync(CancellationToken cancellationToken)
    {
        List<Guid> endpoints;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).Select(e => e.Id).ToListAsync(cancellationToken);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxParallelEndpoints), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(endpoints, parallel, async (endpointId, ct) => await ServeAsync(endpointId, ct));
    }

    private async Task ServeAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lease = new EndpointLease(db, endpointId, _instance, options.Value.LeaseDuration, time);
        if (!await lease.TakeAsync(cancellationToken))
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
            await lease.ReleaseAsync();
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

    private async Task SendInOrderAsync(DashboardDbContext db, WebhookEndpoint endpoint, EndpointLease lease, CancellationToken cancellationToken)
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
