using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Introspection;

/// <summary>What is stored for one resource of one connection: the oldest and newest item and how many.</summary>
public sealed record ResourceStatistics(DateTime? Oldest, DateTime? Newest, int Count);

/// <summary>One connection's resources with the last sync attempt (UTC, and whether it succeeded).</summary>
public sealed record ConnectionResources(
    Guid UserId, string ClientUserId, string Provider, DateTime? LastAttemptAt, bool? LastAttemptSucceeded,
    IReadOnlyDictionary<string, ResourceStatistics> Resources);

/// <summary>
/// <c>GET /v2/introspect/resources</c>: per connection of a team, what the sync stored of each resource. Note kinds
/// count as the resource Junction names them by (see <see cref="NoteResources"/>).
/// </summary>
public sealed class ResourceIntrospection(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<ConnectionResources>> ForTeamAsync(Guid teamId, Guid? userId, string? provider, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connections = await db.Connections.AsNoTracking()
            .Where(c => c.User!.TeamId == teamId)
            .Where(c => userId == null || c.UserId == userId)
            .Where(c => provider == null || c.Provider == provider)
            .Select(c => new { c.Id, c.UserId, c.User!.ClientUserId, c.Provider })
            .OrderBy(c => c.ClientUserId).ThenBy(c => c.Provider)
            .ToListAsync(ct);
        var ids = connections.Select(c => c.Id).ToList();
        var readings = await db.Readings.AsNoTracking()
            .Where(r => r.ConnectionId != null && ids.Contains(r.ConnectionId.Value))
            .GroupBy(r => r.ConnectionId)
            .Select(g => new { Id = g.Key!.Value, Oldest = g.Min(r => r.Timestamp), Newest = g.Max(r => r.Timestamp), Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, ct);
        var notes = await db.Notes.AsNoTracking()
            .Where(n => n.ConnectionId != null && ids.Contains(n.ConnectionId.Value))
            .GroupBy(n => new { n.ConnectionId, n.Kind })
            .Select(g => new { Id = g.Key.ConnectionId!.Value, g.Key.Kind, Oldest = g.Min(n => n.Timestamp), Newest = g.Max(n => n.Timestamp), Count = g.Count() })
            .ToListAsync(ct);
        var states = await db.SyncStates.AsNoTracking().Where(s => ids.Contains(s.ConnectionId)).ToDictionaryAsync(s => s.ConnectionId, ct);

        return connections.Select(c =>
        {
            var resources = new Dictionary<string, ResourceStatistics>
            {
                ["glucose"] = readings.TryGetValue(c.Id, out var r) ? new(r.Oldest, r.Newest, r.Count) : new(null, null, 0),
            };
            foreach (var group in notes.Where(n => n.Id == c.Id).GroupBy(n => NoteResources.Of(n.Kind)))
            {
                resources[group.Key] = new(group.Min(g => g.Oldest), group.Max(g => g.Newest), group.Sum(g => g.Count));
            }
            foreach (var resource in NoteResources.All.Where(n => !resources.ContainsKey(n)))
            {
                resources[resource] = new(null, null, 0);
            }
            var state = states.GetValueOrDefault(c.Id);
            DateTime? lastSuccess = state?.LastSuccessAt;
            var failedSince = state is { FailedAttempts: > 0 };
            return new ConnectionResources(c.UserId, c.ClientUserId, c.Provider, lastSuccess, lastSuccess is null && !failedSince ? null : !failedSince, resources);
        }).ToList();
    }
}

/// <summary>Which of Junction's resources a stored note kind belongs to.</summary>
public static class NoteResources
{
    public static IReadOnlyList<string> All { get; } = ["note", "carbohydrates", "insulin_injection"];

    public static string Of(NoteKind kind) => kind switch
    {
        NoteKind.Carbohydrates => "carbohydrates",
        NoteKind.RapidActingInsulin or NoteKind.LongActingInsulin => "insulin_injection",
        _ => "note",
    };
}
