using Dashboard.Core.Access;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Events;

/// <summary>What the console's event list is narrowed to. Times are UTC; <see cref="Until"/> is exclusive.</summary>
public sealed record EventFilter(string? EventType = null, Guid? TeamId = null, string? ClientUserId = null, DateTime? From = null, DateTime? Until = null)
{
    /// <summary>A filter over whole UTC days, both ends included.</summary>
    public static EventFilter ForDays(string? eventType, Guid? teamId, string? clientUserId, DateTime? firstDay, DateTime? lastDay) =>
        new(string.IsNullOrWhiteSpace(eventType) ? null : eventType,
            teamId,
            string.IsNullOrWhiteSpace(clientUserId) ? null : clientUserId.Trim(),
            firstDay?.Date,
            lastDay?.Date.AddDays(1));
}

public sealed record EventRow(long Id, string EventType, Guid TeamId, string TeamName, Guid? UserId, string? ClientUserId, DateTime CreatedAt, string Json);

public sealed record EventPage(IReadOnlyList<EventRow> Items, int Total);

public sealed record TeamChoice(Guid Id, string Name);

/// <summary>The stored events a console person may see (their organisation's teams), newest first.</summary>
public sealed class EventStreamQuery(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<EventPage> PageAsync(StaffScope scope, EventFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamIds = scope.TeamIds.ToList();
        var events = db.Events.AsNoTracking().Where(e => teamIds.Contains(e.TeamId));
        if (filter.EventType is { } type)
        {
            events = events.Where(e => e.EventType == type);
        }
        if (filter.TeamId is { } teamId)
        {
            events = events.Where(e => e.TeamId == teamId);
        }
        if (filter.ClientUserId is { } clientUserId)
        {
            events = events.Where(e => e.ClientUserId == clientUserId);
        }
        if (filter.From is { } from)
        {
            events = events.Where(e => e.CreatedAt >= from);
        }
        if (filter.Until is { } until)
        {
            events = events.Where(e => e.CreatedAt < until);
        }
        var total = await events.CountAsync(cancellationToken);
        var rows = await events
            .Join(db.Teams, e => e.TeamId, t => t.Id, (e, t) => new { Event = e, TeamName = t.Name })
            .OrderByDescending(r => r.Event.Id)
            .Skip(Math.Max(page, 0) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new EventPage(rows.Select(r => new EventRow(r.Event.Id, r.Event.EventType, r.Event.TeamId, r.TeamName, r.Event.UserId,
            r.Event.ClientUserId, r.Event.CreatedAt, EventEnvelope.ToJson(r.Event, indented: true))).ToList(), total);
    }

    public async Task<IReadOnlyList<TeamChoice>> TeamsAsync(StaffScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teamIds = scope.TeamIds.ToList();
        return await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Every event type the product raises (DESIGN §6), for the type filter.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = WebhookEventTypes.All;
}
