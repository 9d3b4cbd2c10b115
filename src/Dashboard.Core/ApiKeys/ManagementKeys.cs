using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.ApiKeys;

/// <summary>A management key as an admin sees it in the console: never the secret, only its first characters.</summary>
public sealed record ManagementKeyView(Guid Id, string Label, string Prefix, DateTime CreatedAt, string? CreatedBy, DateTime? RevokedAt);

/// <summary>A new key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record IssuedManagementKey(ManagementKeyView Key, string Secret);

/// <summary>
/// Organisation management keys (<c>X-Management-Key</c> of the Org Management API): issue, list, revoke, and find the
/// organisation of a presented key. Keys are stored as SHA-256 hashes; a revoked key never works again.
/// </summary>
public sealed class ManagementKeys(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const string CreatedAction = AuditActions.CreateManagementKey;
    public const string RevokedAction = AuditActions.RevokeManagementKey;
    public const string SecretPrefix = "mk_";
    public const int MaxLabelLength = 100;

    /// <summary>The organisation owning a live key, or null for an unknown or revoked one.</summary>
    public async Task<Guid?> FindOrganizationAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return null;
        }
        var hash = SecretHash.Of(presented.Trim());
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ManagementKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => (Guid?)k.OrganizationId)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ManagementKeyView>> ListAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.ManagementKeys.AsNoTracking().Where(k => k.OrganizationId == organizationId).ToListAsync(ct))
            .OrderByDescending(k => k.CreatedAt).Select(ViewOf).ToList();
    }

    /// <returns>Null when the label is empty or too long.</returns>
    public async Task<IssuedManagementKey?> IssueAsync(Guid organizationId, string? label, AuditActor actor, CancellationToken ct = default)
    {
        var name = label?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxLabelLength)
        {
            return null;
        }
        var secret = SecretHash.NewSecret(SecretPrefix);
        var key = new ManagementKey
        {
            OrganizationId = organizationId, KeyHash = SecretHash.Of(secret), Prefix = secret[..10], Label = name,
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = actor.Name,
        };
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ManagementKeys.Add(key);
        audit.Append(db, actor, CreatedAction, details: $"{key.Prefix}… \"{name}\"", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new IssuedManagementKey(ViewOf(key), secret);
    }

    /// <summary>False when the organisation has no such live key.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid keyId, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ManagementKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.OrganizationId == organizationId && k.RevokedAt == null, ct);
        if (key is null)
        {
            return false;
        }
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        key.RevokedAt = time.GetUtcNow().UtcDateTime;
        audit.Append(db, actor, RevokedAction, details: $"{key.Prefix}… \"{key.Label}\"", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The organisation's teams of one environment and deployment region: what an Org Management call may touch.</summary>
    public async Task<IReadOnlyList<Team>> TeamsAsync(Guid organizationId, TeamEnvironment environment, DeploymentRegion deployment, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking()
            .Where(t => t.OrganizationId == organizationId && t.Environment == environment && t.DeploymentRegion == deployment)
            .ToListAsync(ct);
    }

    private static ManagementKeyView ViewOf(ManagementKey k) => new(k.Id, k.Label, k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt);
}
