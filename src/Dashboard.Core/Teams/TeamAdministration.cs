using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Teams;

/// <summary>What a team change came to: the team, or a reason to show.</summary>
public sealed record TeamResult(Team? Team, string? Error)
{
    public bool Succeeded => Team is not null;
}

/// <summary>Creating and renaming an organisation's teams (admins only), each audited in the same transaction.</summary>
public sealed class TeamAdministration(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;

    public async Task<TeamResult> CreateAsync(AuditActor actor, Guid organizationId, string? name, TeamEnvironment environment, DeploymentRegion region, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (NameError(name) is { } error)
        {
            return new TeamResult(null, error);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = name!.Trim();
        if (await db.Teams.AnyAsync(t => t.OrganizationId == organizationId && t.Name == trimmed, ct))
        {
            return new TeamResult(null, $"The organisation already has a team called \"{trimmed}\".");
        }
        var team = new Team { OrganizationId = organizationId, Name = trimmed, Environment = environment, DeploymentRegion = region, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        audit.Append(db, actor, AuditActions.CreateTeam, team.Id,
            details: $"\"{trimmed}\" ({environment.ToString().ToLowerInvariant()}, {region.ToString().ToUpperInvariant()})", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new TeamResult(team, null);
    }

    public async Task<TeamResult> RenameAsync(AuditActor actor, Guid organizationId, Guid teamId, string? name, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (NameError(name) is { } error)
        {
            return new TeamResult(null, error);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId && t.OrganizationId == organizationId, ct);
        if (team is null)
        {
            return new TeamResult(null, "That team is not in this organisation.");
        }
        var trimmed = name!.Trim();
        if (await db.Teams.AnyAsync(t => t.OrganizationId == organizationId && t.Name == trimmed && t.Id != teamId, ct))
        {
            return new TeamResult(null, $"The organisation already has a team called \"{trimmed}\".");
        }
        var before = team.Name;
        team.Name = trimmed;
        audit.Append(db, actor, AuditActions.RenameTeam, team.Id, details: $"\"{before}\" → \"{trimmed}\"", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new TeamResult(team, null);
    }

    private static string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl)
            ? $"Give the team a name of 1 to {MaxNameLength} characters."
            : null;
}
