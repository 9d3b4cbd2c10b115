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
    public IReadOnlyList<string> RegionCodes => LibreViewCountries.CodesFor(Deployment);
    public string DefaultRegion => LibreViewCountries.DefaultFor(Deployment);

    /// <summary>The practice a new patient of this team adds in the Libre app.</summary>
    public string PracticeForNewPatients => Binding?.PracticeId ?? BuiltInPractice;
}

/// <summary>A custom practice with the steps that make it active.</summary>
public sealed record CustomPracticeEntry(CustomPracticeView Practice, PracticeSetupSteps Setup);

public sealed record OrganizationPractices(Guid Id, string Name, Plan Plan, IReadOnlyList<TeamPractices> Teams, IReadOnlyList<CustomPracticeEntry> CustomPractices)
{
    public bool AllowsCustomPractices => PracticePlan.Allows(Plan);

    public IReadOnlyList<TeamEnvironment> Environments => Teams.Select(t => t.Environment).Distinct().Order().ToList();

    public IReadOnlyList<string> RegionChoices(TeamEnvironment environment) =>
        CustomPracticeService.RegionChoices(Teams.Select(t => (t.Environment, t.Deployment)), environment);

    /// <summary>The region preselected for a new practice: the default of the environment's first team.</summary>
    public string DefaultRegion(TeamEnvironment environment) =>
        Teams.Where(t => t.Environment == environment).Select(t => t.DefaultRegion).FirstOrDefault() ?? "";
}

/// <summary>Read side of the Practices page: every organisation with its teams, bindings and custom practices.</summary>
public sealed class PracticeDirectory(IDbContextFactory<DashboardDbContext> contexts, CustomPracticeService practices, PracticeBindingService bindings)
{
    /// <summary>The person's organisation only (DESIGN §9).</summary>
    public async Task<IReadOnlyList<OrganizationPractices>> ListAsync(Access.StaffScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.Id == scope.OrganizationId)
            .Include(o => o.Teams).OrderBy(o => o.Name).ToListAsync(ct);
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
            result.Add(new OrganizationPractices(organization.Id, organization.Name, organization.Plan, teams,
                custom.Select(p => new CustomPracticeEntry(p, practices.SetupFor(p))).ToList()));
        }
        return result;
    }
}
