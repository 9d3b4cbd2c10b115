using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Access;
using Dashboard.Core.Organizations;
using Dashboard.Core.Practices;
using Dashboard.Web.Components.Pages.Practices;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Practices;

/// <summary>The Practices page on the demo store: the binding form's rules and who may change anything.</summary>
public sealed class PracticesPageTests : ConsoleTestContext, IAsyncLifetime
{
    private const string SandboxTeam = "Sandbox US";
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;
    private PracticeStoreSetup _setup = null!;

    public PracticesPageTests()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("Ada Admin");
        _auth.SetConsoleRole(ConsoleRoles.Admin);
        _auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
        _setup = new PracticeStoreSetup(Services);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await ((IAsyncDisposable)this).DisposeAsync();
        await _store.DisposeAsync();
    }

    private IRenderedComponent<PracticesPage> RenderPage()
    {
        var page = Render<PracticesPage>();
        page.WaitForElement("[data-testid=built-in-practices]");
        return page;
    }

    private static AngleSharp.Dom.IElement BindingFormOf(IRenderedComponent<PracticesPage> page, string team) =>
        page.Find($"[data-testid='binding-{team}']");

    /// <summary>The practices the team's binding form offers (the radios' labels).</summary>
    private static string[] Offered(IRenderedComponent<PracticesPage> page, string team) =>
        BindingFormOf(page, team).QuerySelectorAll("[role=radiogroup] label").Select(label => label.TextContent.Trim()).ToArray();

    [Fact]
    public void The_page_is_for_admins_only()
    {
        var authorize = Assert.Single(typeof(PracticesPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsolePolicies.ManageOrganization, authorize.Policy);
        Assert.Equal([ConsoleRoles.Admin], ConsolePolicies.Roles[authorize.Policy!]);
    }

    [Fact]
    public void Each_team_shows_its_built_in_practice_and_the_countries_it_serves_by_name()
    {
        var page = RenderPage();

        var table = page.Find("[data-testid=built-in-practices]").TextContent;
        Assert.Contains(BuiltInPractices.Sandbox, table);
        Assert.Contains(BuiltInPractices.Production, table);
        var lists = page.FindAll("[data-testid=built-in-countries]");
        // Each deployment's countries, every code once, as names in alphabetical order, the code on hover.
        Assert.Contains(lists, l => l.QuerySelectorAll("[data-code]").Select(c => c.GetAttribute("data-code")).Order().SequenceEqual(LibreViewCountries.Us.Order()));
        var eu = Assert.Single(lists, l => l.QuerySelectorAll("[data-code]").Length == LibreViewCountries.Eu.Count);
        Assert.StartsWith("Argentina, Australia, Austria, Bahrain, Belgium", eu.TextContent.Trim());
        Assert.Equal("gb", eu.QuerySelector("[title='gb']")!.GetAttribute("data-code"));
        Assert.Equal("United Kingdom", eu.QuerySelector("[data-code=gb]")!.TextContent);
        Assert.Equal("(default: United Kingdom)", eu.QuerySelector("[data-testid=built-in-default-country]")!.TextContent.Trim());
        Assert.DoesNotContain("ar at au", table);
    }

    [Fact]
    public void The_built_in_practices_countries_are_named_in_German() => InCulture.Run("de", () =>
    {
        var page = RenderPage();

        var eu = page.FindAll("[data-testid=built-in-countries]").Single(l => l.QuerySelectorAll("[data-code]").Length == LibreViewCountries.Eu.Count);
        Assert.Equal("Deutschland", eu.QuerySelector("[data-code=de]")!.TextContent);
        Assert.Equal("(Standard: Vereinigtes Königreich)", eu.QuerySelector("[data-testid=built-in-default-country]")!.TextContent.Trim());
        Assert.Contains("Länder (Standard)", page.Find("[data-testid=built-in-practices] thead").TextContent);
    });

    [Fact]
    public async Task Only_active_practices_of_the_team_s_environment_and_region_are_offered()
    {
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        await _setup.AddPracticeAsync("Invited-Us", PracticeStatus.Invited);
        await _setup.AddPracticeAsync("Active-Production-De", PracticeStatus.Active, Dashboard.Core.Teams.TeamEnvironment.Production, "de");

        var page = RenderPage();

        Assert.Equal(["Active-Us"], Offered(page, SandboxTeam));
        Assert.Equal(["Active-Production-De"], Offered(page, "Production EU"));
        Assert.Contains("invited", page.Find("[data-testid=status-Invited-Us]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=setup-steps-Invited-Us]"));
        Assert.Contains(PracticeSetupSteps.Role, page.Find("[data-testid=setup-steps-Invited-Us]").TextContent);
    }

    [Fact]
    public void Without_an_active_practice_the_form_says_what_to_do_first()
    {
        var page = RenderPage();

        Assert.NotNull(BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=no-bindable-practice]"));
        Assert.Empty(BindingFormOf(page, SandboxTeam).QuerySelectorAll("[data-testid=bind]"));
    }

    [Fact]
    public async Task The_form_says_only_new_connections_are_affected_and_counts_the_existing_ones()
    {
        var team = await _setup.TeamAsync(SandboxTeam);
        await _setup.AddConnectionsAsync(team.Id, 3);
        await _setup.AddConnectionsAsync(team.Id, 1, Dashboard.Core.Connections.Providers.AbbottLibreView);

        var page = RenderPage();

        var note = BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=new-connections-note]")!.TextContent;
        Assert.Contains("new connections only", note);
        Assert.Contains("3 existing connections keep syncing", note);
    }

    [Fact]
    public async Task A_team_with_only_password_connections_is_not_said_to_have_none()
    {
        var team = await _setup.TeamAsync(SandboxTeam);
        await _setup.AddConnectionsAsync(team.Id, 25, Dashboard.Core.Connections.Providers.AbbottLibreView);

        var page = RenderPage();

        var note = BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=new-connections-note]")!.TextContent;
        Assert.DoesNotContain("no existing connections", note);
        Assert.Contains("shared through a practice", note);
    }

    [Fact]
    public async Task A_plan_other_than_scale_gets_an_explanation_instead_of_the_forms()
    {
        await _setup.SetPlanAsync(Plan.Grow);

        var page = RenderPage();

        Assert.Contains("Scale plan", page.Find("[data-testid=custom-practices-plan-notice]").TextContent);
        Assert.Contains("Grow plan", page.Find("[data-testid=custom-practices-plan-notice]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=add-practice-form]"));
        Assert.Contains("Scale plan", BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=binding-plan-notice]")!.TextContent);
        Assert.Empty(page.FindAll("[data-testid=bindable-practice]"));
        Assert.Empty(page.FindAll("[data-testid=new-connections-note]"));
    }

    [Fact]
    public void A_refused_add_says_why_and_keeps_what_was_typed()
    {
        var page = RenderPage();
        var form = page.Find("[data-testid=add-practice-form]");

        form.QuerySelector("input")!.Input("Acme-Clinic");
        page.Find("[data-testid=add-practice-form]").Submit();

        // The test store has no practice account configured, so nobody could be invited: refused with the reason.
        page.WaitForAssertion(() => Assert.Contains("no sandbox practice account", page.Find("[data-testid=custom-practices]").TextContent));
        Assert.Equal("Acme-Clinic", page.Find("[data-testid=add-practice-form] input").GetAttribute("value"));
        Assert.NotEmpty(page.FindAll("[data-testid=custom-practices-empty]"));
    }

    [Fact]
    public async Task An_admin_binds_a_team_by_choosing_an_active_practice()
    {
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        var page = RenderPage();

        BindingFormOf(page, SandboxTeam).QuerySelector("input[type=radio]")!.Click();
        page.WaitForAssertion(() => Assert.False(BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=bind]")!.HasAttribute("disabled")));
        BindingFormOf(page, SandboxTeam).QuerySelector("form")!.Submit();

        page.WaitForAssertion(() => Assert.Contains("Bound to Active-Us", BindingFormOf(page, SandboxTeam).TextContent));
        var team = await _setup.TeamAsync(SandboxTeam);
        Assert.Equal("Active-Us", await _setup.WithStoreAsync(db => db.TeamPracticeBindings.Where(b => b.TeamId == team.Id).Select(b => b.PracticeId).SingleAsync()));
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_cannot_change_a_binding_even_from_an_open_page()
    {
        _auth.SetConsoleRole(ConsoleRoles.Support);
        _auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        var team = await _setup.TeamAsync(SandboxTeam);
        await _setup.BindAsync(team.Id, "Active-Us");
        var page = RenderPage();

        BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=unbind]")!.Click();

        page.WaitForAssertion(() => Assert.Contains("Only admins", BindingFormOf(page, SandboxTeam).TextContent));
        Assert.True(await _setup.WithStoreAsync(db => db.TeamPracticeBindings.AnyAsync(b => b.TeamId == team.Id)));
    }

    [Fact]
    public async Task A_practice_a_team_is_bound_to_cannot_be_removed_and_an_unbound_one_is_removed_and_audited()
    {
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        await _setup.AddPracticeAsync("Spare-Us", PracticeStatus.Invited);
        var team = await _setup.TeamAsync(SandboxTeam);
        await _setup.BindAsync(team.Id, "Active-Us");
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var page = RenderPage();

        page.Find("[data-testid=remove-Active-Us]").Click();
        page.WaitForAssertion(() => Assert.Contains($"cannot be removed while {SandboxTeam} is bound to it",
            page.Find("[data-testid=custom-practice-Active-Us]").TextContent));
        Assert.True(await _setup.WithStoreAsync(db => db.Practices.AnyAsync(p => p.PracticeId == "Active-Us")));

        page.Find("[data-testid=remove-Spare-Us]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=custom-practice-Spare-Us]")));
        Assert.False(await _setup.WithStoreAsync(db => db.Practices.AnyAsync(p => p.PracticeId == "Spare-Us")));
        var entry = await _setup.WithStoreAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.RemovePractice, TestStore.DefaultStaffMember, ConsoleRoles.Admin, since));
        Assert.Equal((Guid?)(await _setup.OrganizationAsync()).Id, entry.OrganizationId);
        Assert.Contains("Spare-Us", entry.Details);
    }

    [Fact]
    public async Task Binding_and_unbinding_on_the_page_are_each_audited_once_by_the_core_operation()
    {
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var page = RenderPage();

        BindingFormOf(page, SandboxTeam).QuerySelector("input[type=radio]")!.Click();
        page.WaitForAssertion(() => Assert.False(BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=bind]")!.HasAttribute("disabled")));
        BindingFormOf(page, SandboxTeam).QuerySelector("form")!.Submit();
        page.WaitForAssertion(() => Assert.Contains("Bound to Active-Us", BindingFormOf(page, SandboxTeam).TextContent));
        BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=unbind]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("no longer bound", BindingFormOf(page, SandboxTeam).TextContent));

        var team = await _setup.TeamAsync(SandboxTeam);
        var entries = await _setup.WithStoreAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == Dashboard.Core.Audit.AuditActions.ChangeBinding).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([$"{SandboxTeam} bound to Active-Us", $"{SandboxTeam} unbound from Active-Us"], entries.Select(e => e.Details));
        Assert.All(entries, e => Assert.Equal((TestStore.DefaultStaffMember, ConsoleRoles.Admin, (Guid?)team.Id), (e.Actor, e.ActorRole, e.TeamId)));
        // One entry per change (AuditActions.ChangeBinding), each at the time it was made.
        Assert.All(entries, e => Assert.InRange(e.At, since.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task The_page_speaks_German()
    {
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        await _setup.AddPracticeAsync("Invited-Us", PracticeStatus.Invited);

        InCulture.Run("de", () =>
        {
            var page = RenderPage();

            Assert.Equal("Praxen", page.Find("h1").TextContent.Trim());
            Assert.Contains("Vorgegebene Praxen", page.Find("[data-testid=built-in-practices]").TextContent);
            Assert.Equal("eingeladen", page.Find("[data-testid=status-Invited-Us]").TextContent.Trim());
            Assert.Contains("Öffnen Sie in LibreView die Praxis Invited-Us", page.Find("[data-testid=setup-steps-Invited-Us]").TextContent);
            Assert.Contains("Prüfen", page.Find("[data-testid=verify-Invited-Us]").TextContent);

            BindingFormOf(page, SandboxTeam).QuerySelector("input[type=radio]")!.Click();
            page.WaitForAssertion(() => Assert.False(BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=bind]")!.HasAttribute("disabled")));
            Assert.Contains("Zuordnen", BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=bind]")!.TextContent);
            BindingFormOf(page, SandboxTeam).QuerySelector("form")!.Submit();

            page.WaitForAssertion(() => Assert.Contains($"{SandboxTeam} ist jetzt Active-Us zugeordnet. Bestehende Verbindungen bleiben unverändert.",
                BindingFormOf(page, SandboxTeam).QuerySelector("[data-testid=action-notice]")!.TextContent));
        });
    }

    [Fact]
    public async Task The_binding_summary_the_note_and_a_refused_removal_are_said_in_German()
    {
        await _setup.AddPracticeAsync("Active-Us", PracticeStatus.Active);
        var team = await _setup.TeamAsync(SandboxTeam);
        await _setup.BindAsync(team.Id, "Active-Us");
        await _setup.AddConnectionsAsync(team.Id, 3);

        await InCulture.RunAsync("de", async () =>
        {
            var page = RenderPage();

            var form = BindingFormOf(page, SandboxTeam);
            Assert.Equal("Active-Us zugeordnet: Neue Patienten werden nur in dieser Praxis gesucht.", form.QuerySelector("[data-testid=binding-summary]")!.TextContent.Trim());
            Assert.Equal("Eine Zuordnung oder ihre Aufhebung betrifft nur neue Verbindungen. 3 bestehende Verbindungen werden weiter über die Praxen synchronisiert, mit denen sie verknüpft wurden.",
                form.QuerySelector("[data-testid=new-connections-note]")!.TextContent.Trim());

            page.Find("[data-testid=remove-Active-Us]").Click();
            page.WaitForAssertion(() => Assert.Contains($"Active-Us kann nicht entfernt werden, solange {SandboxTeam} ihr zugeordnet ist. Heben Sie zuerst die Zuordnung dieses Teams auf.",
                page.Find("[data-testid=custom-practice-Active-Us]").TextContent));

            await _setup.SetPlanAsync(Plan.Grow);
            var grow = RenderPage();
            Assert.Equal("Eigene Praxen und Praxiszuordnungen der Teams gehören zum Tarif Scale. Diese Organisation hat den Tarif Grow; wechseln Sie zu Scale, um sie zu nutzen. Bis dahin teilen Patienten ihre Daten mit der vorgegebenen Praxis.",
                grow.Find("[data-testid=custom-practices-plan-notice]").TextContent.Trim());
        });
        Assert.True(await _setup.WithStoreAsync(db => db.Practices.AnyAsync(p => p.PracticeId == "Active-Us")));
    }
}
