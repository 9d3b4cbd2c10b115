using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Practices;

/// <summary>One team as the Practices page shows it: the built-in practice patients add, the binding and its effect.</summary>
public sealed record TeamPractices(
    Guid TeamId,
    string Name,
    TeamEnvironment Environment,
    DeploymentRegion Deployment,
    PracticeBindingView? Binding,
    int ExistingConnections,
    IReadOnlyList<string> BindablePracticeIds)
{
    public string BuiltInPractice => BuiltInPractices.For(Environment);
    public IReadOnlyList<string> RegionCodes => LibreViewRegions.CodesFor(Deployment);
    public string DefaultRegion => LibreViewRegions.DefaultFor(Deployment);

    /// <summary>The practice a new patient of this team adds in the Libre app.</summary>
    public string PracticeForNewPatients => Binding?.PracticeId ?? BuiltInPractice;
}

public sealed record OrganizationPractices(Guid Id, string Name, Plan Plan, IReadOnlyList<TeamPractices> Teams, IReadOnlyList<CustomPracticeView> CustomPractices)
{
    public bool AllowsCustomPractices => PracticePlan.Allows(Plan);
    public string PlanExplanation => PracticePlan.Explanation(Plan);

    public IReadOnlyList<TeamEnvironment> Environments => Teams.Select(t => t.Environment).Distinct().Order().ToList();

    public IReadOnlyList<string> RegionChoices(TeamEnvironment environment) =>
        CustomPracticeService.RegionChoices(Teams.Select(t => (t.Environment, t.Deployment)), environment);
}

/// <summary>Read side of the Practices page: every organisation with its teams, bindings and custom practices.</summary>
public sealed class PracticeDirectory(DashboardDbContext db, CustomPracticeService practices, PracticeBindingService bindings)
{
    public async Task<IReadOnlyList<OrganizationPractices>> ListAsync(CancellationToken ct = default)
    {
        var organizations = await db.Organizations.AsNoTracking().Include(o => o.Teams).OrderBy(o => o.Name).ToListAsync(ct);
        var result = new List<OrganizationPractices>();
        foreach (var organization in organizations)
        {
            var custom = await practices.ListAsync(organization.Id, ct);
            var teams = new List<TeamPractices>();
            foreach (var team in organization.Teams.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                teams.Add(new TeamPractices(team.Id, team.Name, team.Environment, team.DeploymentRegion,
                    await bindings.GetAsync(team.Id, ct),
                    await bindings.ExistingConnectionsAsync(team.Id, ct),
                    custom.Where(p => PracticeBindingService.CanServe(p, team)).Select(p => p.PracticeId).ToList()));
            }
            result.Add(new OrganizationPractices(organization.Id, organization.Name, organization.Plan, teams, custom));
        }
        return result;
    }
}
