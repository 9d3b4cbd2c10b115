using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Connections;

public sealed record ConnectionView(
    Guid Id, string Provider, ConnectionStatus Status, string? Region, string? PracticeId, string? ExternalUserId,
    string? ErrorType, string? ErrorMessage, DateTime? ErroredAt, DateTime CreatedAt);

/// <summary>Read side of connections, scoped to a team.</summary>
public sealed class ConnectionDirectory(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>The user's connections, or null when the team has no such user.</summary>
    public async Task<IReadOnlyList<ConnectionView>?> ForUserAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ForUserAsync(db, teamId, userId, ct);
    }

    /// <summary>The same, on a context the caller already has open.</summary>
    internal static async Task<IReadOnlyList<ConnectionView>?> ForUserAsync(DashboardDbContext db, Guid teamId, Guid userId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.TeamId == teamId, ct))
        {
            return null;
        }
        return await db.Connections.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new ConnectionView(c.Id, c.Provider, c.Status, c.Region, c.PracticeId, c.ExternalUserId,
                c.ErrorType, c.ErrorMessage, c.ErroredAt, c.CreatedAt))
            .ToListAsync(ct);
    }
}
