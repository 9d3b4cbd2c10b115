using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Dashboard.Web.Components.Pages.Plans;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Plans;

/// <summary>The plan page on the demo store (which is on Scale): what each plan allows, and an admin's audited change.</summary>
public sealed class PlanPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;

    public PlanPageTests()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("Ada Admin");
        _auth.SetConsoleRole(ConsoleRoles.Admin);
        _auth.SetClaims(new System.Security.Claims.Claim(StaffIdentity.EmailClaim, TestStore.DefaultStaffMember));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
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
        var authorize = Assert.Single(typeof(PlanPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsolePolicies.ManageOrganization, authorize.Policy);
    }

    [Fact]
    public void The_current_plan_is_named_and_each_plan_says_what_it_allows()
    {
        var page = Render<PlanPage>();

        page.WaitForAssertion(() => Assert.Contains("on the Scale plan", page.Find("[data-testid=plan-current]").TextContent));
        var offers = page.FindAll("[data-testid=plan-offer]");
        Assert.Equal(["launch", "grow", "scale"], offers.Select(o => o.GetAttribute("data-plan")));
        Assert.Contains("Custom practices and team practice bindings", offers[2].TextContent);
        Assert.DoesNotContain("Custom practices", offers[0].TextContent);
        Assert.NotNull(offers[2].QuerySelector("[data-testid=plan-current-chip]"));
        Assert.Null(offers[2].QuerySelector("[data-testid=plan-choose]"));
    }

    [Fact]
    public async Task An_admin_changes_the_plan_and_the_change_is_audited_once()
    {
        var since = AuditAssert.Now();
        var page = Render<PlanPage>();
        page.WaitForElement("[data-testid=plan-offer][data-plan=grow] [data-testid=plan-choose]");

        await page.Find("[data-testid=plan-offer][data-plan=grow] [data-testid=plan-choose]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("is now on the Grow plan", page.Find("[data-testid=plan-notice]").TextContent));
        Assert.Contains("on the Grow plan", page.Find("[data-testid=plan-current]").TextContent);
        var organization = await WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Teams.Any()));
        Assert.Equal(Plan.Grow, organization.Plan);
        var entry = await WithDbAsync(db => AuditAssert.SingleAsync(db, AuditActions.ChangePlan, TestStore.DefaultStaffMember, ConsoleRoles.Admin, since));
        Assert.Equal(((Guid?)organization.Id, "Scale → Grow"), (entry.OrganizationId, entry.Details));
    }

    [Fact]
    public async Task A_direct_call_by_a_support_person_is_refused_by_the_core_operation_and_changes_nothing()
    {
        var plans = Services.GetRequiredService<OrganizationPlans>();
        var scopes = Services.GetRequiredService<StaffScopeResolver>();
        var scope = await scopes.ForEmailAsync(TestStore.DefaultStaffMember);

        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() =>
            plans.ChangeAsync(scope, Plan.Launch, new AuditActor("support@example.org", ConsoleRoles.Support, null)));
        var unchanged = await plans.ChangeAsync(scope, Plan.Scale, new AuditActor(TestStore.DefaultStaffMember, ConsoleRoles.Admin, null));

        Assert.False(unchanged.Succeeded);
        Assert.Contains("already on the Scale plan", unchanged.Message);
        Assert.Equal(Plan.Scale, (await plans.GetAsync(scope))!.Current);
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ChangePlan)));
    }

    [Fact]
    public void The_page_speaks_German() => InCulture.Run("de", () =>
    {
        var page = Render<PlanPage>();

        page.WaitForAssertion(() => Assert.Contains("hat den Tarif Scale.", page.Find("[data-testid=plan-current]").TextContent));
        Assert.Equal("Tarif", page.Find("h1").TextContent.Trim());
        var offers = page.FindAll("[data-testid=plan-offer]");
        Assert.Equal("Aktueller Tarif", offers[2].QuerySelector("[data-testid=plan-current-chip]")!.TextContent.Trim());
        Assert.Equal("Zu Grow wechseln", offers[1].QuerySelector("[data-testid=plan-choose]")!.TextContent.Trim());
        Assert.Contains("Beim Wechsel von Scale", page.Markup);
    });

    [Fact]
    public async Task What_each_plan_allows_and_a_change_are_said_in_German()
    {
        var organizationName = await WithDbAsync(db => db.Organizations.Where(o => o.Teams.Any()).Select(o => o.Name).SingleAsync());

        await InCulture.RunAsync("de", async () =>
        {
            var page = Render<PlanPage>();
            page.WaitForElement("[data-testid=plan-offer][data-plan=grow] [data-testid=plan-choose]");
            var offers = page.FindAll("[data-testid=plan-offer]");
            Assert.Equal(["Teams, API-Schlüssel, Mitglieder und Webhooks", "Patienten teilen ihre Daten mit der vorgegebenen Praxis", "Eigene Praxen und Praxiszuordnungen der Teams"],
                offers[2].QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
            Assert.DoesNotContain("Eigene Praxen", offers[0].TextContent);

            await page.Find("[data-testid=plan-offer][data-plan=grow] [data-testid=plan-choose]").ClickAsync(new());

            page.WaitForAssertion(() => Assert.Equal($"{organizationName} hat jetzt den Tarif Grow.", page.Find("[data-testid=plan-notice]").TextContent.Trim()));
        });
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await work(db);
    }
}
