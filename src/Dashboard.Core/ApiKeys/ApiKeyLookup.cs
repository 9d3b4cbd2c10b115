using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.ApiKeys;

/// <summary>
/// Finds the team of a presented API key in the store on every call — no cache — so a revoke takes effect at once on
/// every instance. Records when the key was last used, at most once a minute, so busy keys do not write on every call.
/// </summary>
public sealed class ApiKeyLookup(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The team owning a live key, or null for an unknown or revoked key.</summary>
    public async Task<Team?> FindTeamAsync(string? apiKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200)
        {
            return null;
        }
        var hash = SecretHash.Of(apiKey.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.TeamApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.LastUsedAt, k.Team })
            .FirstOrDefaultAsync(cancellationToken);
        if (key?.Team is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            var stale = now - LastUsedResolution;
            await db.TeamApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < stale))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return await db.Teams.AsNoTracking().Include(t => t.Organization).FirstAsync(t => t.Id == key.Team.Id, cancellationToken);
    }
}
