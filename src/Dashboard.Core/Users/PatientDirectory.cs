using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Users;

public sealed record ConnectedSource(string Provider, DateTime CreatedAt, ConnectionStatus Status);

public sealed record PatientUser(Guid UserId, Guid TeamId, string ClientUserId, DateTime CreatedAt, IReadOnlyList<ConnectedSource> ConnectedSources);

public enum CreateUserOutcome
{
    Created,
    InvalidClientUserId,
    DuplicateClientUserId,
}

/// <summary>Patients (users) of one team: create, look up, deregister. Every call is scoped to a team.</summary>
public sealed class PatientDirectory(DashboardDbContext db, TimeProvider time)
{
    public const int MaxClientUserIdLength = 200;

    public async Task<(CreateUserOutcome Outcome, PatientUser? User)> CreateAsync(Guid teamId, string? clientUserId, CancellationToken ct = default)
    {
        var id = clientUserId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > MaxClientUserIdLength)
        {
            return (CreateUserOutcome.InvalidClientUserId, null);
        }
        if (await db.Users.AnyAsync(u => u.TeamId == teamId && u.ClientUserId == id, ct))
        {
            return (CreateUserOutcome.DuplicateClientUserId, null);
        }
        var user = new User { TeamId = teamId, ClientUserId = id, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the same client_user_id in between; the unique index decided.
            db.ChangeTracker.Clear();
            return (CreateUserOutcome.DuplicateClientUserId, null);
        }
        return (CreateUserOutcome.Created, new PatientUser(user.Id, teamId, id, user.CreatedAt, []));
    }

    public Task<PatientUser?> GetAsync(Guid teamId, Guid userId, CancellationToken ct = default) =>
        Project(db.Users.Where(u => u.TeamId == teamId && u.Id == userId), ct);

    public Task<PatientUser?> ResolveAsync(Guid teamId, string clientUserId, CancellationToken ct = default) =>
        Project(db.Users.Where(u => u.TeamId == teamId && u.ClientUserId == clientUserId), ct);

    /// <summary>Deletes the user and deregisters all of their connections. False when the team has no such user.</summary>
    public async Task<bool> DeleteAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.TeamId == teamId && u.Id == userId, ct);
        if (user is null)
        {
            return false;
        }
        await db.Connections.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.LinkTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Deregisters one provider's connection. False when the team has no such user or connection.</summary>
    public async Task<bool> DeleteConnectionAsync(Guid teamId, Guid userId, string provider, CancellationToken ct = default)
    {
        var deleted = await db.Connections
            .Where(c => c.UserId == userId && c.User!.TeamId == teamId && c.Provider == provider)
            .ExecuteDeleteAsync(ct);
        return deleted > 0;
    }

    private async Task<PatientUser?> Project(IQueryable<User> users, CancellationToken ct)
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
        return new PatientUser(user.Id, user.TeamId, user.ClientUserId, user.CreatedAt, sources);
    }
}
