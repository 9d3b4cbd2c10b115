using Dashboard.Core.Access;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Audit;

public sealed record AuditFilter(string? Action = null, string? Actor = null, string? ClientUserId = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

/// <summary>Append-only audit log. The product offers no way to change or delete an entry.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Adds the entry to <paramref name="db"/> without saving: the operation's own <c>SaveChanges</c> writes it together
    /// with the change it records, so there is never a change without its entry (or an entry without its change).
    /// </summary>
    public void Append(DashboardDbContext db, AuditActor actor, string action, Guid? teamId = null, Guid? userId = null,
        string? clientUserId = null, string? details = null, Guid? organizationId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OrganizationId = organizationId,
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor.Name,
            ActorRole = actor.Role,
            Action = action,
            TeamId = teamId,
            UserId = userId,
            ClientUserId = clientUserId,
            ClientIp = actor.ClientIp,
            Details = details,
        });

    /// <summary>An entry on its own, for an action that changes nothing in the store (a view, an export).</summary>
    public async Task WriteAsync(AuditActor actor, string action, Guid? teamId = null, Guid? userId = null,
        string? clientUserId = null, string? details = null, CancellationToken ct = default, Guid? organizationId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        Append(db, actor, action, teamId, userId, clientUserId, details, organizationId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Newest first, within the organisation's teams (entries with no team are organisation-wide actions of its people).</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> PageAsync(StaffScope scope, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = Filtered(db, scope, filter);
        var total = await entries.CountAsync(ct);
        var list = await entries.OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (list, total);
    }

    /// <summary>Every entry the filter keeps, newest first, streamed (the audit page's CSV export).</summary>
    public async IAsyncEnumerable<AuditEntry> AllAsync(StaffScope scope, AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await foreach (var entry in Filtered(db, scope, filter).OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return entry;
        }
    }

    /// <summary>One place for what a filter keeps, within the scope's organisation.</summary>
    private static IQueryable<AuditEntry> Filtered(DashboardDbContext db, StaffScope scope, AuditFilter filter)
    {
        var teamIds = scope.TeamIds.ToList();
        var members = db.StaffMemberships.Where(m => m.OrganizationId == scope.OrganizationId).Select(m => m.Email);
        var entries = db.AuditEntries.AsNoTracking()
            .Where(e => (e.TeamId != null && teamIds.Contains(e.TeamId.Value))
                || e.OrganizationId == scope.OrganizationId
                || (e.TeamId == null && e.OrganizationId == null && members.Contains(e.Actor)));
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            entries = entries.Where(e => e.Action == filter.Action);
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            entries = entries.Where(e => e.Actor.Contains(filter.Actor.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(filter.ClientUserId))
        {
            entries = entries.Where(e => e.ClientUserId == filter.ClientUserId.Trim());
        }
        if (filter.FromUtc is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (filter.ToUtc is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        return entries;
    }
}
