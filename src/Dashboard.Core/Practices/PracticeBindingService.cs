using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Practices;

public sealed record PracticeBindingView(Guid TeamId, string Provider, string PracticeId, DateTime CreatedAt);

/// <summary>
/// Team practice bindings (Scale plan): restrict a team's <c>freestyle_libre</c> patient search to one active custom
/// practice of its organisation, named by Practice ID (case-insensitive). Only new connections are affected:
/// existing connections keep the practice they were linked through and keep syncing.
/// (No method is named <c>BindAsync</c>: minimal APIs would take the class for a parameter binder.)
/// </summary>
public sealed class PracticeBindingService(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, AuditLog audit)
{
    public const string Provider = Providers.FreeStyleLibre;

    /// <summary>The organisation's team in one environment and deployment region, or null.</summary>
    public async Task<Team?> FindTeamAsync(Guid organizationId, TeamEnvironment environment, DeploymentRegion deployment, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().Include(t => t.Organization)
            .Where(t => t.OrganizationId == organizationId && t.Environment == environment && t.DeploymentRegion == deployment)
            .OrderBy(t => t.CreatedAt)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<PracticeBindingView?> GetAsync(Guid teamId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.TeamPracticeBindings.AsNoTracking()
            .Where(b => b.TeamId == teamId && b.Provider == Provider)
            .Select(b => new PracticeBindingView(b.TeamId, b.Provider, b.PracticeId, b.CreatedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The team's existing <c>freestyle_libre</c> connections: they keep syncing whatever happens to the binding.</summary>
    public async Task<int> ExistingConnectionsAsync(Guid teamId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Connections.CountAsync(c => c.Provider == Provider && c.User!.TeamId == teamId, ct);
    }

    /// <summary>Whether a custom practice may be bound to a team: active, same environment, a region of the team's deployment.</summary>
    public static bool CanServe(CustomPracticeView practice, Team team) =>
        practice.IsActive && practice.Environment == team.Environment &&
        LibreViewCountries.CodesFor(team.DeploymentRegion).Contains(practice.Region);

    /// <summary>Binds the team to one of its organisation's active custom practices (console or Org Management API), audited with the change.</summary>
    public async Task<PracticeResult<PracticeBindingView>> BindTeamAsync(Guid teamId, string? practiceId, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        ConsoleAccessDeniedException.ThrowUnlessAllowedOrManagementKey(ConsolePolicies.ManageOrganization, actor);
        var team = await db.Teams.AsNoTracking().Include(t => t.Organization).FirstOrDefaultAsync(t => t.Id == teamId, ct);
        if (team?.Organization is not { } organization)
        {
            return PracticeResult<PracticeBindingView>.Refused(PracticeRefusal.NotFound, new(PracticeProblem.TeamNotFound));
        }
        if (!PracticePlan.Allows(organization.Plan))
        {
            return PracticeResult<PracticeBindingView>.Refused(PracticeRefusal.PlanRequired, new(PracticeProblem.PlanRequired, Plan: organization.Plan));
        }
        if (string.IsNullOrWhiteSpace(practiceId))
        {
            return PracticeResult<PracticeBindingView>.Refused(PracticeRefusal.Invalid, new(PracticeProblem.BindingPracticeIdMissing));
        }
        var key = Practice.KeyOf(practiceId);
        var practice = await db.Practices.AsNoTracking()
            .FirstOrDefaultAsync(p => p.OrganizationId == organization.Id && p.PracticeIdKey == key, ct);
        if (NotBindableReason(practice is null ? null : CustomPracticeView.From(practice), practiceId.Trim(), team) is { } reason)
        {
            return PracticeResult<PracticeBindingView>.Refused(PracticeRefusal.NotBindable, reason);
        }

        var binding = await db.TeamPracticeBindings.FirstOrDefaultAsync(b => b.TeamId == teamId && b.Provider == Provider, ct);
        if (binding is null)
        {
            binding = new TeamPracticeBinding { TeamId = teamId, Provider = Provider, PracticeId = practice!.PracticeId, PracticeIdKey = key };
            db.TeamPracticeBindings.Add(binding);
        }
        binding.PracticeId = practice!.PracticeId;
        binding.PracticeIdKey = key;
        binding.CreatedAt = time.GetUtcNow().UtcDateTime;
        audit.Append(db, actor, AuditActions.ChangeBinding, teamId, details: $"{team.Name} bound to {binding.PracticeId}", organizationId: organization.Id);
        await db.SaveChangesAsync(ct);
        return PracticeResult<PracticeBindingView>.Ok(new PracticeBindingView(binding.TeamId, binding.Provider, binding.PracticeId, binding.CreatedAt));
    }

    /// <summary>Removes the team's binding; new connections then search every practice again. False when there was none.</summary>
    public async Task<bool> UnbindTeamAsync(Guid teamId, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        ConsoleAccessDeniedException.ThrowUnlessAllowedOrManagementKey(ConsolePolicies.ManageOrganization, actor);
        var binding = await db.TeamPracticeBindings.Include(b => b.Team).FirstOrDefaultAsync(b => b.TeamId == teamId && b.Provider == Provider, ct);
        if (binding is null)
        {
            return false;
        }
        db.TeamPracticeBindings.Remove(binding);
        audit.Append(db, actor, AuditActions.ChangeBinding, teamId, details: $"{binding.Team?.Name} unbound from {binding.PracticeId}", organizationId: binding.Team?.OrganizationId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static PracticeRefusalReason? NotBindableReason(CustomPracticeView? practice, string typed, Team team)
    {
        if (practice is null)
        {
            return new(PracticeProblem.NotACustomPractice, PracticeId: typed);
        }
        if (!practice.IsActive)
        {
            return new(PracticeProblem.PracticeNotActive, PracticeId: practice.PracticeId);
        }
        if (practice.Environment != team.Environment)
        {
            return new(PracticeProblem.EnvironmentMismatch, PracticeId: practice.PracticeId, Environment: practice.Environment, TeamEnvironment: team.Environment);
        }
        return CanServe(practice, team)
            ? null
            : new(PracticeProblem.RegionMismatch, PracticeId: practice.PracticeId, Region: practice.Region, Deployment: team.DeploymentRegion);
    }
}
