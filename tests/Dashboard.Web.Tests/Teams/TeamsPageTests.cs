using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Components.Pages.Teams;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Teams;

/// <summary>The admin page for teams and their API keys: create and rename teams; a key shown once, stored hashed, revocable.</summary>
public sealed class TeamsPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public TeamsPageTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetConsoleRole(ConsoleRoles.Admin);
        auth.SetClaims(new System.Security.Claims.Claim("email", "founder@example.org"));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services);
        // An organisation with no team yet, as the bootstrap admin finds it.
        await WithDbAsync(db =>
        {
            var organization = new Organization { Name = "Fresh Clinic" };
            db.Organizations.Add(organization);
            db.StaffMemberships.Add(new StaffMembership { Email = "founder@example.org", OrganizationId = organization.Id, Role = ConsoleRoles.Admin });
            return db.SaveChangesAsync();
        });
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await ((IAsyncDisposable)this).DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public void The_page_needs_the_manage_organization_policy()
    {
        var authorize = Assert.Single(typeof(TeamsPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsolePolicies.ManageOrganization, authorize.Policy);
    }

    [Fact]
    public async Task A_team_is_created_in_the_chosen_environment_and_region_then_renamed_each_audited_once()
    {
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var page = Render<TeamsPage>();
        page.WaitForElement("[data-testid=teams-empty]");

        page.Find("[data-testid=team-form] input").Input("Clinic EU");
        page.Find("[data-testid=team-environment]").Change(nameof(TeamEnvironment.Production));
        page.Find("[data-testid=team-region]").Change(nameof(DeploymentRegion.Eu));
        await page.Find("[data-testid=team-form]").SubmitAsync();

        page.WaitForElement("[data-testid=team][data-team='Clinic EU']");
        Assert.Empty(page.FindAll("[data-testid=teams-empty]"));
        var team = await WithDbAsync(db => db.Teams.AsNoTracking().SingleAsync());
        Assert.Equal((TeamEnvironment.Production, DeploymentRegion.Eu), (team.Environment, team.DeploymentRegion));
        var created = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.CreateTeam, "founder@example.org", ConsoleRoles.Admin, since));
        Assert.Equal(team.Id, created.TeamId);

        page.Find("[data-testid=team-rename-form] input").Input("Clinic Europe");
        await page.Find("[data-testid=team-rename-form]").SubmitAsync();

        page.WaitForElement("[data-testid=team][data-team='Clinic Europe']");
        Assert.Equal("Clinic Europe", await WithDbAsync(db => db.Teams.Select(t => t.Name).SingleAsync()));
        var renamed = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.RenameTeam, "founder@example.org", ConsoleRoles.Admin, since));
        Assert.Equal(team.Id, renamed.TeamId);
        Assert.Equal("\"Clinic EU\" → \"Clinic Europe\"", renamed.Details);
    }

    [Fact]
    public async Task A_team_without_a_name_or_with_a_taken_name_is_refused_with_a_message()
    {
        var page = Render<TeamsPage>();
        page.WaitForElement("[data-testid=team-form]");

        await page.Find("[data-testid=team-form]").SubmitAsync();
        Assert.Contains("Give the team a name", page.WaitForElement("[data-testid=team-error]").TextContent);

        page.Find("[data-testid=team-form] input").Input("Clinic");
        await page.Find("[data-testid=team-form]").SubmitAsync();
        page.WaitForElement("[data-testid=team][data-team='Clinic']");
        page.Find("[data-testid=team-form] input").Input("Clinic");
        await page.Find("[data-testid=team-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("already has a team called", page.Find("[data-testid=team-error]").TextContent));
        Assert.Equal(1, await WithDbAsync(db => db.Teams.CountAsync()));
    }

    [Fact]
    public async Task A_new_key_is_shown_once_listed_by_prefix_stored_as_a_hash_and_revoked()
    {
        await CreateTeamAsync("Sandbox");
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var page = Render<TeamsPage>();
        page.WaitForElement("[data-testid=team-keys-empty]");

        await page.Find("[data-testid=team-key-form]").SubmitAsync();
        Assert.Contains("Give the key a name", page.WaitForElement("[data-testid=team-error]").TextContent);

        page.Find("[data-testid=team-key-form] input").Input("backend");
        await page.Find("[data-testid=team-key-form]").SubmitAsync();

        var secret = page.WaitForElement("[data-testid=team-key-value]").TextContent.Trim();
        Assert.StartsWith(TeamApiKeys.SecretPrefix, secret);
        var stored = await WithDbAsync(db => db.TeamApiKeys.AsNoTracking().SingleAsync());
        Assert.Equal(SecretHash.Of(secret), stored.KeyHash);
        Assert.Equal(secret[..10], stored.Prefix);
        Assert.Contains(stored.Prefix + "…", page.Find("[data-testid=team-key-row]").TextContent);
        Assert.Contains("never", page.Find("[data-testid=team-key-row]").TextContent);

        page.Find("[data-testid=team-key-stored]").Click();
        Assert.DoesNotContain(secret, page.Markup);

        page.Find("[data-testid=team-key-revoke]").Click();
        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("[data-testid=team-key-row]").TextContent));
        Assert.NotNull(await WithDbAsync(db => db.TeamApiKeys.Select(k => k.RevokedAt).SingleAsync()));
        foreach (var action in (string[])[AuditActions.CreateTeamApiKey, AuditActions.RevokeTeamApiKey])
        {
            var entry = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, action, "founder@example.org", ConsoleRoles.Admin, since));
            Assert.Equal(stored.TeamId, entry.TeamId);
            Assert.Contains(stored.Prefix, entry.Details);
        }
    }

    [Fact]
    public async Task A_viewer_calling_the_core_operations_directly_is_refused()
    {
        var teamId = await CreateTeamAsync("Sandbox");
        var organizationId = await WithDbAsync(db => db.Organizations.Select(o => o.Id).SingleAsync());
        var viewer = new AuditActor("viewer@example.org", ConsoleRoles.Viewer, null);

        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() =>
            Services.GetRequiredService<TeamApiKeys>().IssueAsync(viewer, organizationId, teamId, "sneaky"));
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() =>
            Services.GetRequiredService<TeamAdministration>().RenameAsync(viewer, organizationId, teamId, "Mine"));
        Assert.Equal(0, await WithDbAsync(db => db.TeamApiKeys.CountAsync()));
    }

    [Fact]
    public async Task The_page_speaks_German()
    {
        await CreateTeamAsync("Sandbox");

        await InCulture.RunAsync("de", async () =>
        {
            var page = Render<TeamsPage>();
            page.WaitForElement("[data-testid=team-keys-empty]");

            Assert.Equal("Teams und API-Schlüssel", page.Find("h1").TextContent.Trim());
            Assert.Equal("Noch kein API-Schlüssel.", page.Find("[data-testid=team-keys-empty]").TextContent.Trim());
            Assert.Contains("Produktion", page.Find("[data-testid=team-environment]").TextContent);
            Assert.Contains("API-Schlüssel erstellen", page.Find("[data-testid=team-key-create]").TextContent);

            await page.Find("[data-testid=team-key-form]").SubmitAsync();
            Assert.Contains("Geben Sie dem Schlüssel einen Namen mit 1 bis", page.WaitForElement("[data-testid=team-error]").TextContent);
        });
    }

    [Fact]
    public async Task A_refused_team_name_is_said_in_German()
    {
        await CreateTeamAsync("Sandbox");

        await InCulture.RunAsync("de", async () =>
        {
            var page = Render<TeamsPage>();
            page.WaitForElement("[data-testid=team][data-team='Sandbox']");

            await page.Find("[data-testid=team-form]").SubmitAsync();
            Assert.Equal($"Geben Sie dem Team einen Namen mit 1 bis {TeamAdministration.MaxNameLength} Zeichen.", page.WaitForElement("[data-testid=team-error]").TextContent.Trim());

            page.Find("[data-testid=team-form] input").Input(" Sandbox ");
            await page.Find("[data-testid=team-form]").SubmitAsync();
            page.WaitForAssertion(() => Assert.Equal("Die Organisation hat bereits ein Team namens „Sandbox“.", page.Find("[data-testid=team-error]").TextContent.Trim()));
        });
        Assert.Equal(1, await WithDbAsync(db => db.Teams.CountAsync()));
    }

    private async Task<Guid> CreateTeamAsync(string name)
    {
        var organizationId = await WithDbAsync(db => db.Organizations.Select(o => o.Id).SingleAsync());
        var result = await Services.GetRequiredService<TeamAdministration>()
            .CreateAsync(new AuditActor("founder@example.org", ConsoleRoles.Admin, null), organizationId, name, TeamEnvironment.Sandbox, DeploymentRegion.Us);
        return result.Team!.Id;
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }
}
