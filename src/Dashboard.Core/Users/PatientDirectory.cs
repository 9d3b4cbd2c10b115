using Dashboard.Core.Connections;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Users;

public sealed record ConnectedSource(string Provider, DateTime CreatedAt, ConnectionStatus Status);

public sealed record PatientUser(
    Guid UserId, Guid TeamId, string ClientUserId, DateTime CreatedAt, IReadOnlyList<ConnectedSource> ConnectedSources,
    string? FallbackTimeZone = null, DateTime? FallbackTimeZoneUpdatedAt = null,
    DateOnly? FallbackBirthDate = null, DateTime? FallbackBirthDateUpdatedAt = null,
    DateOnly? IngestionStart = null, DateOnly? IngestionEnd = null);

public enum CreateUserOutcome
{
    Created,
    InvalidClientUserId,
    DuplicateClientUserId,
}

/// <summary>Junction's optional user fields; null leaves a field as it is.</summary>
public sealed record UserFields(string? FallbackTimeZone, DateOnly? FallbackBirthDate, DateOnly? IngestionStart, DateOnly? IngestionEnd);

public enum UpdateUserOutcome
{
    Updated,
    NotFound,
    InvalidClientUserId,
    DuplicateClientUserId,
    InvalidTimeZone,
}

/// <summary>One page of a team's users, oldest first.</summary>
public sealed record UserPage(IReadOnlyList<PatientUser> Users, int Total);

/// <summary>
/// Patients (users) of one team: create, list, look up, change, delete and undo. Every call is scoped to a team.
/// A deletion deregisters the user's connections at once and keeps the user for <see cref="DeletionGrace"/>, as
/// Junction does; after that the user is purged.
/// </summary>
public sealed class PatientDirectory(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    public const int MaxClientUserIdLength = 200;

    public static readonly TimeSpan DeletionGrace = TimeSpan.FromDays(7);

    /// <param name="fields">Junction's optional fields at creation (the time zone already checked with <see cref="IsTimeZone"/>); null for none.</param>
    /// <returns>For <see cref="CreateUserOutcome.DuplicateClientUserId"/>, the user who already holds the id (deleted or not).</returns>
    public async Task<(CreateUserOutcome Outcome, PatientUser? User)> CreateAsync(Guid teamId, string? clientUserId, UserFields? fields = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CreateAsync(db, teamId, clientUserId, fields, ct);
    }

    /// <summary>The same, on the caller's context: inside its transaction, as part of its unit of work.</summary>
    internal async Task<(CreateUserOutcome Outcome, PatientUser? User)> CreateAsync(DashboardDbContext db, Guid teamId, string? clientUserId, UserFields? fields, CancellationToken ct)
    {
        var id = clientUserId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > MaxClientUserIdLength || Validation.InputText.HasHiddenCharacters(id))
        {
            return (CreateUserOutcome.InvalidClientUserId, null);
        }
        if (await HolderOfAsync(db, teamId, id, ct) is { } holder)
        {
            return (CreateUserOutcome.DuplicateClientUserId, holder);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var user = new User { TeamId = teamId, ClientUserId = id, CreatedAt = now };
        Apply(user, fields, now);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!StoreWriteFailures.IsUnwritable(e))
        {
            // Another request created the same client_user_id in between; the unique index decided.
            db.ChangeTracker.Clear();
            return (CreateUserOutcome.DuplicateClientUserId, await HolderOfAsync(db, teamId, id, ct));
        }
        return (CreateUserOutcome.Created, ViewOf(user, []));
    }

    public static bool IsTimeZone(string zone) =>
        zone.Length is > 0 and <= 64 && !Validation.InputText.HasHiddenCharacters(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    public async Task<PatientUser?> GetAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.Users.Where(u => u.TeamId == teamId && u.Id == userId), ct);
    }

    public async Task<PatientUser?> ResolveAsync(Guid teamId, string clientUserId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.Users.Where(u => u.TeamId == teamId && u.ClientUserId == clientUserId), ct);
    }

    /// <summary>The team's users from <paramref name="offset"/>, at most <paramref name="limit"/>, in creation order.</summary>
    public async Task<UserPage> ListAsync(Guid teamId, int offset, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var team = db.Users.AsNoTracking().Where(u => u.TeamId == teamId);
        var total = await team.CountAsync(ct);
        var users = await team.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(offset).Take(limit).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var sources = (await db.Connections.AsNoTracking().Where(c => ids.Contains(c.UserId)).ToListAsync(ct))
            .OrderBy(c => c.CreatedAt)
            .ToLookup(c => c.UserId, c => new ConnectedSource(c.Provider, c.CreatedAt, c.Status));
        return new UserPage(users.Select(u => ViewOf(u, sources[u.Id].ToList())).ToList(), total);
    }

    /// <summary>Changes the given fields (null keeps one); a new client_user_id must be free in the team.</summary>
    public async Task<UpdateUserOutcome> UpdateAsync(Guid teamId, Guid userId, string? clientUserId, UserFields fields, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.TeamId == teamId && u.Id == userId, ct);
        if (user is null)
        {
            return UpdateUserOutcome.NotFound;
        }
        if (fields.FallbackTimeZone is { } zone && !IsTimeZone(zone))
        {
            return UpdateUserOutcome.InvalidTimeZone;
        }
        if (clientUserId is not null)
        {
            var id = clientUserId.Trim();
            if (id.Length is 0 or > MaxClientUserIdLength || Validation.InputText.HasHiddenCharacters(id))
            {
                return UpdateUserOutcome.InvalidClientUserId;
            }
            if (id != user.ClientUserId && await HolderOfAsync(db, teamId, id, ct) is not null)
            {
                return UpdateUserOutcome.DuplicateClientUserId;
            }
            user.ClientUserId = id;
        }
        Apply(user, fields, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return UpdateUserOutcome.Updated;
    }

    /// <summary>
    /// Deletes the user: their connections and link tokens go at once, the user stays undoable for <see cref="DeletionGrace"/>.
    /// False when the team has no such (undeleted) user.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await PurgeExpiredAsync(db, teamId, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.TeamId == teamId && u.Id == userId, ct);
        if (user is null)
        {
            return false;
        }
        await db.Connections.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.LinkTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        // Triage leaves the patient at once; an undo has the rows computed again when triage next opens a period.
        await db.PatientSummaries.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        user.DeletedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Brings back a user deleted within <see cref="DeletionGrace"/>, by id or by client_user_id. False when there is none.</summary>
    public async Task<bool> UndoDeleteAsync(Guid teamId, Guid? userId, string? clientUserId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await PurgeExpiredAsync(db, teamId, ct);
        var user = await db.Users.IgnoreQueryFilters()
            .Where(u => u.TeamId == teamId && u.DeletedAt != null)
            .Where(u => userId == null || u.Id == userId)
            .Where(u => clientUserId == null || u.ClientUserId == clientUserId)
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return false;
        }
        user.DeletedAt = null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Removes for good the team's users deleted longer ago than <see cref="DeletionGrace"/>, with their readings, notes
    /// and events, in one transaction (issue 20 item 5). The rows that reference a user by foreign key (connections,
    /// tokens, profile, tags, summaries, invitations) go by cascade; readings and notes have no foreign key on purpose —
    /// its check on each of a pull's ~26,000 rows measured as a tenth of the time to store them — so they are deleted
    /// here, the one place a user is deleted for good. Their events go too: a payload carries the patient's ids and, for
    /// data events, their glucose; webhook deliveries still owed for those events are dropped with them (the patient
    /// they were about no longer exists, and a delivery keeps its event by a restricting key).
    /// </summary>
    public async Task<int> PurgeExpiredAsync(Guid teamId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PurgeExpiredAsync(db, teamId, ct);
    }

    private async Task<int> PurgeExpiredAsync(DashboardDbContext db, Guid teamId, CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - DeletionGrace;
        var expired = db.Users.IgnoreQueryFilters().Where(u => u.TeamId == teamId && u.DeletedAt != null && u.DeletedAt < before);
        if (!await expired.AnyAsync(ct)) return 0; // the common case takes no write lock
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Readings.Where(r => expired.Any(u => u.Id == r.UserId)).ExecuteDeleteAsync(ct);
        await db.Notes.Where(n => expired.Any(u => u.Id == n.UserId)).ExecuteDeleteAsync(ct);
        var events = db.Events.Where(e => e.UserId != null && expired.Any(u => u.Id == e.UserId));
        await db.WebhookDeliveries.Where(d => events.Any(e => e.Id == d.EventId)).ExecuteDeleteAsync(ct);
        await events.ExecuteDeleteAsync(ct);
        var purged = await expired.ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return purged;
    }

    /// <summary>Deregisters one provider's connection. False when the team has no such user or connection.</summary>
    public async Task<bool> DeleteConnectionAsync(Guid teamId, Guid userId, string provider, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deleted = await db.Connections
            .Where(c => c.UserId == userId && c.User!.TeamId == teamId && c.Provider == provider)
            .ExecuteDeleteAsync(ct);
        return deleted > 0;
    }

    private static async Task<PatientUser?> HolderOfAsync(DashboardDbContext db, Guid teamId, string clientUserId, CancellationToken ct)
    {
        var holder = await db.Users.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(u => u.TeamId == teamId && u.ClientUserId == clientUserId, ct);
        return holder is null ? null : ViewOf(holder, []);
    }

    private static void Apply(User user, UserFields? fields, DateTime now)
    {
        if (fields is null) return;
        if (fields.FallbackTimeZone is { } zone)
        {
            user.FallbackTimeZone = zone;
            user.FallbackTimeZoneUpdatedAt = now;
        }
        if (fields.FallbackBirthDate is { } birth)
        {
            user.FallbackBirthDate = birth;
            user.FallbackBirthDateUpdatedAt = now;
        }
        user.IngestionStart = fields.IngestionStart ?? user.IngestionStart;
        user.IngestionEnd = fields.IngestionEnd ?? user.IngestionEnd;
    }

    private static PatientUser ViewOf(User user, IReadOnlyList<ConnectedSource> sources) => new(
        user.Id, user.TeamId, user.ClientUserId, user.CreatedAt, sources,
        user.FallbackTimeZone, user.FallbackTimeZoneUpdatedAt, user.FallbackBirthDate, user.FallbackBirthDateUpdatedAt,
        user.IngestionStart, user.IngestionEnd);

    private static async Task<PatientUser?> Project(DashboardDbContext db, IQueryable<User> users, CancellationToken ct)
    {
        var user = await users.AsNoTracking().FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var sources = await db.Connections.AsNoTracking()
            .Where(c => c.UserId == user.Id)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new ConnectedSource(c.Provider, c.CreatedAt, c.Status))
            .ToListAsync(ct);
        return ViewOf(user, sources);
    }
}
