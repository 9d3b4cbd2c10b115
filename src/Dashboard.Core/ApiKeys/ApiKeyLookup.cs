using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.ApiKeys;

public sealed class ApiKeyLookup(DashboardDbContext db)
{
    /// <summary>The team owning a live key, or null for an unknown or revoked key.</summary>
    public async Task<Team?> FindTeamAsync(string? apiKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200)
        {
            return null;
        }
        var hash = SecretHash.Of(apiKey.Trim());
        return await db.Teams.AsNoTracking()
            .Include(t => t.Organization)
            .Where(t => db.TeamApiKeys.Any(k => k.TeamId == t.Id && k.KeyHash == hash && k.RevokedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
