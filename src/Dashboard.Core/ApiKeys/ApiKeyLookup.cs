using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.ApiKeys;

/// <summary>
/// Finds the team of a presented API key: from <see cref="VerifiedApiKeys"/> when this instance checked the key in the
/// last <see cref="VerifiedApiKeys.Lifetime"/>, else in the store (one query), and then remembers it. A revoke made on
/// this instance is refused at once; one made elsewhere within that lifetime (the trade is described on
/// <see cref="VerifiedApiKeys"/>). Records when the key was last used at such store checks, at most once a minute, so
/// busy keys do not write on every call.
/// </summary>
public sealed class ApiKeyLookup(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, TeamApiKeys keys)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The team owning a live key, or null for an unknown or revoked key. Read the team, never change it: it is shared.</summary>
    public async Task<Team?> FindTeamAsync(string? apiKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200)
        {
            return null;
        }
        var hash = SecretHash.Of(apiKey.Trim());
        if (keys.Verified.Find(hash) is { } known)
        {
            return known;
        }
        var check = keys.Verified.BeforeCheck();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.TeamApiKeys.AsNoTracking()
            .Include(k => k.Team!).ThenInclude(t => t.Organization)
            .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        if (key?.Team is not { } team)
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
        keys.Verified.Remember(hash, team, check);
        return team;
    }
}
