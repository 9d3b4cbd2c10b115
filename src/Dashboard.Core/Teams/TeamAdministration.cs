using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Teams;

/// <summary>What a team change came to. The console says each in its own language from the code.</summary>
public enum TeamOutcome
{
    /// <summary>Done: the team <see cref="TeamResult.Team"/> was created.</summary>
    Created,
    /// <summary>Done: the team is now called <see cref="TeamResult.Name"/>.</summary>
    Renamed,
    /// <summary>Refused: the name is empty, longer than <see cref="TeamAdministration.MaxNameLength"/> or has control characters.</summary>
    NameInvalid,
    /// <summary>Refused: the organisation already has a team called <see cref="TeamResult.Name"/>.</summary>
    NameTaken,
    /// <summary>Refused: the team is not one of this organisation's.</summary>
    TeamNotFound,
}

/// <summary>
/// What a team change came to: an <see cref="Outcome"/> code with the <see cref="Team"/> (when done) and the trimmed
/// <see cref="Name"/> it is about, for the console to say in the person's language; <see cref="Error"/> is a refusal
/// in invariant English (for logs and callers without a language).
/// </summary>
public sealed record TeamResult(TeamOutcome Outcome, Team? Team = null, string? Name = null)
{
    public bool Succeeded => Team is not null;

    /// <summary>The refusal in invariant English; null when the change was done.</summary>
    public string? Error => Outcome switch
    {
        TeamOutcome.Created or TeamOutcome.Renamed => null,
        TeamOutcome.NameInvalid => $"Give the team a name of 1 to {TeamAdministration.MaxNameLength} characters.",
        TeamOutcome.NameTaken => $"The organisation already has a team called \"{Name}\".",
        TeamOutcome.TeamNotFound => "That team is not in this organisation.",
        _ => Outcome.ToString(),
    };
}

/// <summary>Creating and renaming an organisation's teams (admins only), each audited in the same transaction.</summary>
public sealed class TeamAdministration(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;

    public async Task<TeamResult> CreateAsync(AuditActor actor, Guid organizationId, string? name, TeamEnvironment environment, DeploymentRegion region, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (!IsValidName(name))
        {
            return new TeamResult(TeamOutcome.NameInvalid);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = name!.Trim();
        if (await db.Teams.AnyAsync(t => t.OrganizationId == organizationId && t.Name == trimmed, ct))
        {
            return new TeamResult(TeamOutcome.NameTaken, Name: trimmed);
        }
        var team = new Team { OrganizationId = organizationId, Name = trimmed, Environment = environment, DeploymentRegion = region, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        audit.Append(db, actor, AuditActions.CreateTeam, team.Id,
            details: $"\"{trimmed}\" ({environment.ToString().ToLowerInvariant()}, {region.ToString().ToUpperInvariant()})", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new TeamResult(TeamOutcome.Created, team, trimmed);
    }

    public async Task<TeamResult> RenameAsync(AuditActor actor, Guid organizationId, Guid teamId, string? name, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (!IsValidName(name))
        {
            return new TeamResult(TeamOutcome.NameInvalid);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId && t.OrganizationId == organizationId, ct);
        if (team is null)
        {
            return new TeamResult(TeamOutcome.TeamNotFound);
        }
        var trimmed = name!.Trim();
        if (await db.Teams.AnyAsync(t => t.OrganizationId == organizationId && t.Name == trimmed && t.Id != teamId, ct))
        {
            return new TeamResult(TeamOutcome.NameTaken, Name: trimmed);
        }
        var before = team.Name;
        team.Name = trimmed;
        audit.Append(db, actor, AuditActions.RenameTeam, team.Id, details: $"\"{before}\" → \"{trimmed}\"", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return new TeamResult(TeamOutcome.Renamed, team, trimmed);
    }

    private static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= MaxNameLength && !name.Any(char.IsControl);
}
