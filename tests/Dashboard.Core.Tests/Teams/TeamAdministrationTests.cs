using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Teams;

/// <summary>
/// Team changes answer with an outcome code and the name it is about (the console words it in the person's language),
/// with a refusal in invariant English as <see cref="TeamResult.Error"/>.
/// </summary>
public sealed class TeamAdministrationTests : IAsyncLifetime
{
    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, null);
    private CoreStore _store = null!;
    private Guid _organizationId;

    private TeamAdministration Teams => _store.Get<TeamAdministration>();

    public async Task InitializeAsync()
    {
        _store = await CoreStore.CreateAsync();
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var organization = new Organization { Name = "Team Test Org", CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        _organizationId = organization.Id;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_new_team_is_Created_and_a_rename_is_Renamed_with_the_trimmed_name_and_no_error()
    {
        var created = await Teams.CreateAsync(Admin, _organizationId, "  Clinic  ", TeamEnvironment.Sandbox, DeploymentRegion.Us);
        var renamed = await Teams.RenameAsync(Admin, _organizationId, created.Team!.Id, " Clinic Europe ");

        Assert.Equal((TeamOutcome.Created, "Clinic", true, null), (created.Outcome, created.Name, created.Succeeded, created.Error));
        Assert.Equal((TeamOutcome.Renamed, "Clinic Europe", true, null), (renamed.Outcome, renamed.Name, renamed.Succeeded, renamed.Error));
        Assert.Equal("Clinic Europe", renamed.Team!.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("tab\tname")]
    public async Task A_missing_or_unusable_name_is_NameInvalid_on_create_and_rename(string? name)
    {
        var teamId = (await Teams.CreateAsync(Admin, _organizationId, "Clinic", TeamEnvironment.Sandbox, DeploymentRegion.Us)).Team!.Id;

        var created = await Teams.CreateAsync(Admin, _organizationId, name, TeamEnvironment.Sandbox, DeploymentRegion.Us);
        var renamed = await Teams.RenameAsync(Admin, _organizationId, teamId, name);

        Assert.Equal((TeamOutcome.NameInvalid, false), (created.Outcome, created.Succeeded));
        Assert.Equal((TeamOutcome.NameInvalid, false), (renamed.Outcome, renamed.Succeeded));
        Assert.Equal($"Give the team a name of 1 to {TeamAdministration.MaxNameLength} characters.", created.Error);
        Assert.Equal(1, await CountTeamsAsync());
    }

    [Fact]
    public async Task A_name_too_long_is_NameInvalid()
    {
        var result = await Teams.CreateAsync(Admin, _organizationId, new string('x', TeamAdministration.MaxNameLength + 1), TeamEnvironment.Sandbox, DeploymentRegion.Us);

        Assert.Equal(TeamOutcome.NameInvalid, result.Outcome);
        Assert.Equal(0, await CountTeamsAsync());
    }

    [Fact]
    public async Task A_name_another_team_has_is_NameTaken_with_that_name()
    {
        await Teams.CreateAsync(Admin, _organizationId, "Clinic", TeamEnvironment.Sandbox, DeploymentRegion.Us);
        var other = (await Teams.CreateAsync(Admin, _organizationId, "Other", TeamEnvironment.Sandbox, DeploymentRegion.Us)).Team!.Id;

        var created = await Teams.CreateAsync(Admin, _organizationId, " Clinic ", TeamEnvironment.Production, DeploymentRegion.Eu);
        var renamed = await Teams.RenameAsync(Admin, _organizationId, other, "Clinic");

        Assert.Equal(new TeamResult(TeamOutcome.NameTaken, Name: "Clinic"), created);
        Assert.Equal(new TeamResult(TeamOutcome.NameTaken, Name: "Clinic"), renamed);
        Assert.False(created.Succeeded);
        Assert.Equal("The organisation already has a team called \"Clinic\".", renamed.Error);
        Assert.Equal(2, await CountTeamsAsync());
    }

    [Fact]
    public async Task Renaming_a_team_of_no_or_another_organisation_is_TeamNotFound()
    {
        var result = await Teams.RenameAsync(Admin, _organizationId, Guid.NewGuid(), "Clinic");

        Assert.Equal(new TeamResult(TeamOutcome.TeamNotFound), result);
        Assert.Equal("That team is not in this organisation.", result.Error);
    }

    private async Task<int> CountTeamsAsync()
    {
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Teams.CountAsync(t => t.OrganizationId == _organizationId);
    }
}
