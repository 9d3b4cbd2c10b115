using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.ApiKeys;

/// <summary>A team API key as an admin sees it: never the secret, only its first characters.</summary>
public sealed record TeamApiKeyView(Guid Id, Guid TeamId, string Label, string Prefix, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A new key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record IssuedTeamApiKey(TeamApiKeyView Key, string Secret);

/// <summary>
/// A team's API keys (<c>x-vital-api-key</c>): issue, list, revoke (admins only, audited in the same transaction).
/// Calls find their key through <see cref="ApiKeyLookup"/>, which trusts a key checked in the store for a short time
/// (<see cref="Verified"/>): a revoke here is refused at once on this instance, and on the others within
/// <see cref="VerifiedApiKeys.Lifetime"/>.
/// </summary>
public sealed class TeamApiKeys(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const string SecretPrefix = "tk_";
    public const int MaxLabelLength = 100;

    /// <summary>The keys this instance trusts without asking the store; here, with the revoke that must forget them.</summary>
    public VerifiedApiKeys Verified { get; } = new(time);

    public async Task<IReadOnlyList<TeamApiKeyView>> ListAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var keys = await db.TeamApiKeys.AsNoTracking().Where(k => k.Team!.OrganizationId == organizationId).ToListAsync(ct);
        return keys.OrderByDescending(k => k.CreatedAt).Select(ViewOf).ToList();
    }

    /// <returns>Null when the label is empty or too long, or the team is not the organisation's.</returns>
    public async Task<IssuedTeamApiKey?> IssueAsync(AuditActor actor, Guid organizationId, Guid teamId, string? label, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        var name = label?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxLabelLength || name.Any(char.IsControl))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.OrganizationId == organizationId, ct))
        {
            return null;
        }
        var secret = SecretHash.NewSecret(SecretPrefix);
        var key = new TeamApiKey
        {
            TeamId = teamId, KeyHash = SecretHash.Of(secret), Prefix = secret[..10], Label = name,
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = actor.Name,
        };
        db.TeamApiKeys.Add(key);
        audit.Append(db, actor, AuditActions.CreateTeamApiKey, teamId, details: $"{key.Prefix}… \"{name}\"", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new IssuedTeamApiKey(ViewOf(key), secret);
    }

    /// <summary>False when the organisation has no such live key.</summary>
    public async Task<bool> RevokeAsync(AuditActor actor, Guid organizationId, Guid keyId, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.TeamApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.Team!.OrganizationId == organizationId && k.RevokedAt == null, ct);
        if (key is null)
        {
            return false;
        }
        key.RevokedAt = time.GetUtcNow().UtcDateTime;
        audit.Append(db, actor, AuditActions.RevokeTeamApiKey, key.TeamId, details: $"{key.Prefix}… \"{key.Label}\"", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        Verified.Revoked(key.KeyHash);
        return true;
    }

    private static TeamApiKeyView ViewOf(TeamApiKey k) => new(k.Id, k.TeamId, k.Label, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
