using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

public sealed record WebhookEndpointSummary(
    Guid Id, Guid TeamId, string TeamName, string Url, IReadOnlyList<string> EventTypes, bool Enabled, DateTime CreatedAt,
    int OpenDeliveries, int DeadDeliveries, DateTime? PreviousSecretExpiresAt);

public sealed record WebhookDeliveryRow(
    long Id, long EventId, string EventType, WebhookDeliveryStatus Status, int AttemptCount, DateTime CreatedAt,
    DateTime? NextAttemptAt, DateTime? LastAttemptAt, int? LastStatusCode, string? LastError);

public sealed record WebhookAttemptRow(long Id, DateTime AttemptedAt, int? StatusCode, int DurationMs, string? Error);

/// <summary>What an admin action on webhooks came to. The console says each in its own language from the code.</summary>
public enum WebhookActionOutcome
{
    /// <summary>Done (with <see cref="WebhookActionResult.Secret"/> when a new secret is to be shown once).</summary>
    Done,
    /// <summary>Refused: the team is not one of the caller's.</summary>
    TeamNotInScope,
    /// <summary>Refused: the endpoint's URL may not receive webhooks (<see cref="WebhookActionResult.UrlProblem"/>).</summary>
    UrlRefused,
    /// <summary>Refused: <see cref="WebhookActionResult.UnknownEventTypes"/> are not event types one can subscribe to.</summary>
    UnknownEventTypes,
    /// <summary>Refused: no such endpoint for the caller.</summary>
    EndpointNotFound,
    /// <summary>Refused: no such delivery for the caller.</summary>
    DeliveryNotFound,
}

/// <summary>
/// The result of an admin action: an <see cref="Outcome"/> code with what it is about, or success with the secret to show
/// once; <see cref="Error"/> is a refusal in invariant English (for logs and callers without a language).
/// </summary>
public sealed record WebhookActionResult(
    WebhookActionOutcome Outcome, string? Secret = null, WebhookUrlProblem? UrlProblem = null, IReadOnlyList<string>? UnknownEventTypes = null)
{
    public bool Succeeded => Outcome == WebhookActionOutcome.Done;

    public string? Error => Outcome switch
    {
        WebhookActionOutcome.Done => null,
        WebhookActionOutcome.TeamNotInScope => "Choose one of your teams.",
        WebhookActionOutcome.UrlRefused => UrlProblem is { } problem ? WebhookUrlRule.MessageOf(problem) : "",
        WebhookActionOutcome.UnknownEventTypes => $"Unknown event type: {string.Join(", ", UnknownEventTypes ?? [])}.",
        WebhookActionOutcome.EndpointNotFound => "That webhook endpoint was not found.",
        WebhookActionOutcome.DeliveryNotFound => "That delivery was not found.",
        _ => Outcome.ToString(),
    };

    public static WebhookActionResult Done(string? secret = null) => new(WebhookActionOutcome.Done, secret);
    public static WebhookActionResult NotFound { get; } = new(WebhookActionOutcome.EndpointNotFound);
}

/// <summary>
/// What admins do with a team's webhook endpoints, always within the caller's <see cref="StaffScope"/>:
/// an endpoint or delivery of another organisation is "not found".
/// </summary>
public sealed class WebhookAdministration(
    IDbContextFactory<DashboardDbContext> contexts,
    WebhookSecrets secrets,
    WebhookUrlRule urls,
    EventRecorder events,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    AuditLog audit)
{
    /// <summary>Who changed an endpoint when a caller (a test harness, a script) names nobody.</summary>
    private static readonly AuditActor Unnamed = new("system", "none", null);

    public async Task<IReadOnlyList<WebhookEndpointSummary>> ListEndpointsAsync(StaffScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamIds = scope.TeamIds.ToList();
        var rows = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => teamIds.Contains(e.TeamId) && e.DeletedAt == null)
            .Join(db.Teams, e => e.TeamId, t => t.Id, (e, t) => new
            {
                Endpoint = e,
                TeamName = t.Name,
                Open = db.Set<WebhookDelivery>().Count(d => d.EndpointId == e.Id && (d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Failed)),
                Dead = db.Set<WebhookDelivery>().Count(d => d.EndpointId == e.Id && d.Status == WebhookDeliveryStatus.Dead),
            })
            .OrderBy(r => r.TeamName).ThenBy(r => r.Endpoint.CreatedAt)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return rows.Select(r => new WebhookEndpointSummary(r.Endpoint.Id, r.Endpoint.TeamId, r.TeamName, r.Endpoint.Url, r.Endpoint.EventTypes,
            r.Endpoint.Enabled, r.Endpoint.CreatedAt, r.Open, r.Dead,
            r.Endpoint.PreviousSecretExpiresAt > now ? r.Endpoint.PreviousSecretExpiresAt : null)).ToList();
    }

    /// <summary>Adds an endpoint that receives the team's events from now on; the result carries its secret, shown once.</summary>
    public async Task<WebhookActionResult> AddEndpointAsync(StaffScope scope, Guid teamId, string? url, IReadOnlyCollection<string>? eventTypes,
        AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        if (!scope.Includes(teamId))
        {
            return new WebhookActionResult(WebhookActionOutcome.TeamNotInScope);
        }
        if (urls.Problem(url) is { } refused)
        {
            return new WebhookActionResult(WebhookActionOutcome.UrlRefused, UrlProblem: refused);
        }
        var unknown = (eventTypes ?? []).Except(WebhookEventTypes.Subscribable).ToList();
        if (unknown.Count > 0)
        {
            return new WebhookActionResult(WebhookActionOutcome.UnknownEventTypes, UnknownEventTypes: unknown);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var secret = WebhookSecrets.Generate();
        var endpoint = new WebhookEndpoint
        {
            TeamId = teamId,
            Url = url!.Trim(),
            EventTypes = (eventTypes ?? []).Distinct().ToList(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ProtectedSecret = secrets.Protect(secret),
            LastQueuedEventId = await db.Events.Where(e => e.TeamId == teamId).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0,
        };
        db.WebhookEndpoints.Add(endpoint);
        audit.Append(db, actor ?? Unnamed, AuditActions.AddWebhookEndpoint, teamId, details: endpoint.Url);
        await db.SaveChangesAsync(cancellationToken);
        return WebhookActionResult.Done(secret);
    }

    /// <summary>
    /// Turns an endpoint off or on. Deliveries already queued wait while it is off; events raised while it is off
    /// are not sent to it (on again, it receives events from then on).
    /// </summary>
    public Task<WebhookActionResult> SetEnabledAsync(StaffScope scope, Guid endpointId, bool enabled, AuditActor? actor = null, CancellationToken cancellationToken = default) =>
        ChangeEndpointAsync(scope, endpointId, enabled ? AuditActions.EnableWebhookEndpoint : AuditActions.DisableWebhookEndpoint, actor, async (db, endpoint) =>
        {
            if (enabled && !endpoint.Enabled)
            {
                endpoint.LastQueuedEventId = await db.Events.Where(e => e.TeamId == endpoint.TeamId).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            }
            endpoint.Enabled = enabled;
            return WebhookActionResult.Done();
        }, cancellationToken);

    /// <summary>A new secret, shown once; the old one keeps signing alongside for the overlap period.</summary>
    public Task<WebhookActionResult> RotateSecretAsync(StaffScope scope, Guid endpointId, AuditActor? actor = null, CancellationToken cancellationToken = default) =>
        ChangeEndpointAsync(scope, endpointId, AuditActions.RotateWebhookSecret, actor, (_, endpoint) =>
        {
            var secret = WebhookSecrets.Generate();
            endpoint.ProtectedPreviousSecret = endpoint.ProtectedSecret;
            endpoint.PreviousSecretExpiresAt = time.GetUtcNow().UtcDateTime + options.Value.PreviousSecretOverlap;
            endpoint.ProtectedSecret = secrets.Protect(secret);
            return Task.FromResult(WebhookActionResult.Done(secret));
        }, cancellationToken);

    /// <summary>
    /// Deletes an endpoint: nothing more is sent to it and it leaves the list, while its delivery log stays in the store
    /// for the audit trail (deliveries still queued are never sent).
    /// </summary>
    public Task<WebhookActionResult> DeleteEndpointAsync(StaffScope scope, Guid endpointId, AuditActor? actor = null, CancellationToken cancellationToken = default) =>
        ChangeEndpointAsync(scope, endpointId, AuditActions.DeleteWebhookEndpoint, actor, (_, endpoint) =>
        {
            endpoint.Enabled = false;
            endpoint.DeletedAt = time.GetUtcNow().UtcDateTime;
            endpoint.LeaseOwner = null;
            return Task.FromResult(WebhookActionResult.Done());
        }, cancellationToken);

    /// <summary>Records a <c>webhook.test</c> event for the endpoint's team and queues it for this endpoint only.</summary>
    public async Task<WebhookActionResult> SendTestEventAsync(StaffScope scope, Guid endpointId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindEndpointAsync(db, scope, endpointId, cancellationToken);
        if (endpoint is null)
        {
            return WebhookActionResult.NotFound;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var test = events.Record(db, WebhookTestEvent.Type, endpoint.TeamId, null, null,
            new { EndpointId = endpoint.Id, Message = "A test event from Libre Connect Dashboard." });
        await db.SaveChangesAsync(cancellationToken);
        db.WebhookDeliveries.Add(WebhookDelivery.Queue(endpoint.Id, test.Id, time.GetUtcNow().UtcDateTime, options.Value.RetryWindow));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WebhookActionResult.Done();
    }

    public async Task<IReadOnlyList<WebhookDeliveryRow>> ListDeliveriesAsync(StaffScope scope, Guid endpointId, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindEndpointAsync(db, scope, endpointId, cancellationToken) is null)
        {
            return [];
        }
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId)
            .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new { Delivery = d, e.EventType })
            .OrderByDescending(r => r.Delivery.EventId)
            .Take(take)
            .Select(r => new WebhookDeliveryRow(r.Delivery.Id, r.Delivery.EventId, r.EventType, r.Delivery.Status, r.Delivery.AttemptCount,
                r.Delivery.CreatedAt, r.Delivery.NextAttemptAt, r.Delivery.LastAttemptAt, r.Delivery.LastStatusCode, r.Delivery.LastError))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookAttemptRow>> ListAttemptsAsync(StaffScope scope, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindDeliveryAsync(db, scope, deliveryId, cancellationToken) is null)
        {
            return [];
        }
        return await db.WebhookAttempts.AsNoTracking()
            .Where(a => a.DeliveryId == deliveryId)
            .OrderByDescending(a => a.Id)
            .Select(a => new WebhookAttemptRow(a.Id, a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Sends a delivery again as soon as the dispatcher next runs, with a fresh retry window.</summary>
    public async Task<WebhookActionResult> RedeliverAsync(StaffScope scope, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await FindDeliveryAsync(db, scope, deliveryId, cancellationToken);
        if (delivery is null)
        {
            return new WebhookActionResult(WebhookActionOutcome.DeliveryNotFound);
        }
        delivery.Redeliver(time.GetUtcNow().UtcDateTime, options.Value.RetryWindow);
        await db.SaveChangesAsync(cancellationToken);
        return WebhookActionResult.Done();
    }

    private async Task<WebhookActionResult> ChangeEndpointAsync(StaffScope scope, Guid endpointId, string auditAction, AuditActor? actor,
        Func<DashboardDbContext, WebhookEndpoint, Task<WebhookActionResult>> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindEndpointAsync(db, scope, endpointId, cancellationToken);
        if (endpoint is null)
        {
            return WebhookActionResult.NotFound;
        }
        var result = await change(db, endpoint);
        if (result.Succeeded)
        {
            audit.Append(db, actor ?? Unnamed, auditAction, endpoint.TeamId, details: endpoint.Url);
        }
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static Task<WebhookEndpoint?> FindEndpointAsync(DashboardDbContext db, StaffScope scope, Guid endpointId, CancellationToken cancellationToken)
    {
        var teamIds = scope.TeamIds.ToList();
        return db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && teamIds.Contains(e.TeamId) && e.DeletedAt == null, cancellationToken);
    }

    private static Task<WebhookDelivery?> FindDeliveryAsync(DashboardDbContext db, StaffScope scope, long deliveryId, CancellationToken cancellationToken)
    {
        var teamIds = scope.TeamIds.ToList();
        return db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && db.Set<WebhookEndpoint>().Any(e => e.Id == d.EndpointId && teamIds.Contains(e.TeamId)))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
