using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Pages.Members;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Members;

/// <summary>The admin page for the organisation's members: invite with a role, change a role, remove, never the last admin; each audited.</summary>
public sealed class MembersPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();
    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popover;

    public MembersPageTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetConsoleRole(ConsoleRoles.Admin);
        auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
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
        var authorize = Assert.Single(typeof(MembersPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsolePolicies.ManageOrganization, authorize.Policy);
    }

    [Fact]
    public async Task An_invited_person_is_listed_with_the_role_and_the_invitation_is_audited_once()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=invite-form]");

        page.Find("[data-testid=invite-form] input[type=email]").Input("New.Colleague@Example.org ");
        await ChooseAsync(page, RoleSelect(page, "invite-role"), ConsoleRoles.Viewer);
        await page.Find("[data-testid=invite-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("may now sign in as viewer", page.Find("[data-testid=member-notice]").TextContent));
        var row = page.Find("[data-testid=member-row][data-email='new.colleague@example.org']");
        Assert.Contains("invited", row.TextContent);
        var stored = await WithDbAsync(db => db.StaffMemberships.AsNoTracking().SingleAsync(m => m.Email == "new.colleague@example.org"));
        Assert.Equal(ConsoleRoles.Viewer, stored.Role);
        Assert.Null(stored.Subject);
        var entry = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.InviteMember, TestStore.DefaultStaffMember, ConsoleRoles.Admin, before));
        Assert.Equal(stored.OrganizationId, entry.OrganizationId);
        Assert.Contains("new.colleague@example.org as viewer", entry.Details);
    }

    [Theory]
    [InlineData("", "Enter the person's email address")]
    [InlineData("not an email", "Enter the person's email address")]
    [InlineData("admin@example.org", "already a member")]
    public async Task A_bad_invitation_is_refused_with_a_message_and_changes_nothing(string email, string message)
    {
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=invite-form]");

        page.Find("[data-testid=invite-form] input[type=email]").Input(email);
        await page.Find("[data-testid=invite-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("[data-testid=member-notice]").TextContent));
        Assert.Equal(1, await WithDbAsync(db => db.StaffMemberships.CountAsync()));
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task The_only_admin_can_be_neither_demoted_nor_removed()
    {
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=member-row]");

        await ChooseAsync(page, RoleSelect(page, "member-role"), ConsoleRoles.Support);
        page.WaitForAssertion(() => Assert.Contains("only admin", page.Find("[data-testid=member-notice]").TextContent));
        // The refused change does not stay in the picker: it shows the stored role again.
        page.WaitForAssertion(() => Assert.Equal("admin", RoleSelect(page, "member-role").Find("input").GetAttribute("value")));
        page.Find("[data-testid=member-remove]").Click();
        page.WaitForAssertion(() => Assert.Contains("only admin and cannot be removed", page.Find("[data-testid=member-notice]").TextContent));

        var admin = await WithDbAsync(db => db.StaffMemberships.AsNoTracking().SingleAsync());
        Assert.Equal(ConsoleRoles.Admin, admin.Role);
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_role_change_and_a_removal_are_stored_and_audited_once_each()
    {
        await InviteAsync("sam@example.org", ConsoleRoles.Support);
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var organizationId = await WithDbAsync(db => db.StaffMemberships.Where(m => m.Email == "sam@example.org").Select(m => m.OrganizationId).SingleAsync());
        var page = Render<MembersPage>();
        var row = page.WaitForElement("[data-testid=member-row][data-email='sam@example.org']");

        Assert.NotNull(row);
        await ChooseAsync(page, RoleSelect(page, "member-role", "sam@example.org"), ConsoleRoles.Admin);
        page.WaitForAssertion(() => Assert.Contains("sam@example.org is now admin", page.Find("[data-testid=member-notice]").TextContent));
        Assert.Equal(ConsoleRoles.Admin, await WithDbAsync(db => db.StaffMemberships.Where(m => m.Email == "sam@example.org").Select(m => m.Role).SingleAsync()));
        var changed = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.ChangeMemberRole, TestStore.DefaultStaffMember, ConsoleRoles.Admin, since));
        Assert.Equal(("sam@example.org: support → admin", (Guid?)organizationId), (changed.Details, changed.OrganizationId));

        page.Find("[data-testid=member-row][data-email='sam@example.org'] [data-testid=member-remove]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=member-row][data-email='sam@example.org']")));
        Assert.False(await WithDbAsync(db => db.StaffMemberships.AnyAsync(m => m.Email == "sam@example.org")));
        var removed = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.RemoveMember, TestStore.DefaultStaffMember, ConsoleRoles.Admin, since));
        Assert.Equal(("sam@example.org (admin)", (Guid?)organizationId), (removed.Details, removed.OrganizationId));
    }

    [Fact]
    public async Task A_direct_call_by_a_support_person_is_refused_by_the_core_operation()
    {
        var organizationId = await WithDbAsync(db => db.Organizations.Select(o => o.Id).SingleAsync());
        var memberships = Services.GetRequiredService<Memberships>();

        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() =>
            memberships.InviteAsync(new AuditActor("support@example.org", ConsoleRoles.Support, null), organizationId, "x@example.org", ConsoleRoles.Admin));
        Assert.Equal(1, await WithDbAsync(db => db.StaffMemberships.CountAsync()));
    }

    private async Task InviteAsync(string email, string role)
    {
        var organizationId = await WithDbAsync(db => db.Organizations.Select(o => o.Id).SingleAsync());
        var result = await Services.GetRequiredService<Memberships>()
            .InviteAsync(new AuditActor(TestStore.DefaultStaffMember, ConsoleRoles.Admin, null), organizationId, email, role);
        Assert.True(result.Succeeded, result.Message);
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    [Fact]
    public void The_members_page_speaks_German() => InCulture.Run("de", () =>
    {
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=invite-form]");

        Assert.Contains("Mitglieder", page.Find("h1").TextContent);
        Assert.Contains("Einladen", page.Find("[data-testid=invite-submit]").TextContent);
        Assert.Contains("Eingeladen von", page.Find("[data-testid=members]").TextContent);
        var popover = _popover ??= Render<MudBlazor.MudPopoverProvider>();
        var role = RoleSelect(page, "invite-role");
        Assert.Equal("Support", role.Find("input").GetAttribute("value"));
        page.InvokeAsync(() => role.Instance.OpenMenu()).GetAwaiter().GetResult();
        popover.WaitForAssertion(() => Assert.Contains("Lesezugriff", popover.Markup));
    });

    [Fact]
    public Task Core_outcomes_are_said_in_German() => InCulture.RunAsync("de", async () =>
    {
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=member-row]");

        await ChooseAsync(page, RoleSelect(page, "member-role"), ConsoleRoles.Support);
        page.WaitForAssertion(() => Assert.Equal(TestStore.DefaultStaffMember + " ist die einzige Person mit der Rolle Administration: Geben Sie zuerst jemand anderem diese Rolle.",
            page.Find("[data-testid=member-notice]").TextContent.Trim()));

        // (Choosing the role a member already has changes nothing: the picker raises no change, so there is no notice.)
        page.Find("[data-testid=invite-form] input[type=email]").Input("not an email");
        page.Find("[data-testid=invite-form]").Submit();
        page.WaitForAssertion(() => Assert.Equal("Geben Sie die E-Mail-Adresse der Person ein, z. B. name@example.org.",
            page.Find("[data-testid=member-notice]").TextContent.Trim()));
    });

    /// <summary>A role picker: the invitation's, or the one of a member's row (by its accessible name).</summary>
    private static IRenderedComponent<MudBlazor.MudSelect<string>> RoleSelect(IRenderedComponent<MembersPage> page, string testId, string? email = null) =>
        page.FindComponents<MudBlazor.MudSelect<string>>().First(s =>
            s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && id?.ToString() == testId
            && (email is null || (s.Instance.UserAttributes.TryGetValue("aria-label", out var name) && name?.ToString()?.EndsWith(email, StringComparison.Ordinal) == true)));

    /// <summary>Picks a role as a person does: opens the picker and clicks the role's item.</summary>
    private async Task ChooseAsync(IRenderedComponent<MembersPage> page, IRenderedComponent<MudBlazor.MudSelect<string>> select, string role)
    {
        var popover = _popover ??= Render<MudBlazor.MudPopoverProvider>();
        await page.InvokeAsync(() => select.Instance.OpenMenu());
        var label = Dashboard.Web.Components.RoleText.Of(Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Dashboard.Web.Resources.ConsoleText>>(), role);
        popover.WaitForElement(".mud-popover-open .mud-list-item", TimeSpan.FromSeconds(5));
        var items = popover.FindAll(".mud-popover-open .mud-list-item");
        await items.Single(i => i.TextContent.Trim() == label).ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
    }

    [Fact]
    public void The_pickers_and_the_invite_field_are_the_consoles_outlined_fields_not_plain_selects()
    {
        var page = Render<MembersPage>();
        page.WaitForElement("[data-testid=member-row]");

        Assert.Empty(page.FindAll("select"));
        Assert.Equal(2, page.FindComponents<MudBlazor.MudSelect<string>>().Count); // the invitation's and the one member's
        Assert.All(page.FindComponents<MudBlazor.MudSelect<string>>(), s => Assert.Equal(MudBlazor.Variant.Outlined, s.Instance.Variant));
        var email = page.FindComponents<MudBlazor.MudTextField<string>>().Single();
        Assert.Equal((MudBlazor.Variant.Outlined, MudBlazor.Margin.Dense), (email.Instance.Variant, email.Instance.Margin));
        Assert.NotEmpty(page.FindAll("[data-testid=invite-form] .mud-input-outlined"));
    }
}
