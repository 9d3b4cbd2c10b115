using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Dashboard.TestSupport;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Patients;

/// <summary>The patient page's profile panel on a real store: name and date of birth (staff's or LibreView's), tags, refusals, and who may edit.</summary>
public sealed class PatientProfilePanelTests : ConsoleTestContext, IAsyncLifetime
{
    private const string Support = "support@example.org";
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;

    public PatientProfilePanelTests()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("Sam Support");
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: Support + " as support");
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private void ActAs(string role) => _auth.SetConsolePerson(role, Support);

    private IDbContextFactory<DashboardDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    private async Task<Guid> PatientAsync(string clientUserId, params string[] tags)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var organizationId = await db.StaffMemberships.Where(m => m.Email == Support).Select(m => m.OrganizationId).SingleAsync();
        var team = await db.Teams.Where(t => t.OrganizationId == organizationId).OrderBy(t => t.Name).FirstAsync();
        var user = new User { TeamId = team.Id, ClientUserId = clientUserId, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        db.PatientTags.AddRange(tags.Select(t => new PatientTag { UserId = user.Id, Tag = t, CreatedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
        return user.Id;
    }

    private IRenderedComponent<PatientProfilePanel> Panel(Guid userId) => Render<PatientProfilePanel>(p => p.Add(c => c.UserId, userId));

    /// <summary>MudTextField puts its attributes on the input or on a wrapper around it.</summary>
    private static AngleSharp.Dom.IElement Input(IRenderedComponent<PatientProfilePanel> panel, string testId)
    {
        var element = panel.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private static string[] Tags(IRenderedComponent<PatientProfilePanel> panel) =>
        panel.FindAll("[data-testid=profile-tag]").Select(t => t.GetAttribute("data-tag")!).ToArray();

    [Fact]
    public async Task Saving_a_name_and_date_of_birth_shows_and_stores_them_and_is_audited_once()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await PatientAsync("profile-save");
        var panel = Panel(userId);
        Assert.Equal("—", panel.Find("[data-testid=profile-display-name]").TextContent.Trim());
        var since = AuditAssert.Now();

        Input(panel, "profile-name").Change("  Ada Lovelace ");
        Input(panel, "profile-birth").Change("1984-03-27");
        await panel.Find("[data-testid=profile-form]").SubmitAsync();

        panel.WaitForAssertion(() => Assert.Equal("Ada Lovelace", panel.Find("[data-testid=profile-display-name]").TextContent.Trim()));
        Assert.Equal("27 Mar 1984", panel.Find("[data-testid=profile-date-of-birth]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=profile-error]"));
        await using var db = await Contexts.CreateDbContextAsync();
        var stored = await db.PatientProfiles.AsNoTracking().SingleAsync(p => p.UserId == userId);
        Assert.Equal(("Ada Lovelace", new DateOnly(1984, 3, 27), PatientProfileSources.Staff), (stored.DisplayName, stored.DateOfBirth, stored.Source));
        var entry = await AuditAssert.SingleAsync(db, AuditActions.ChangePatientProfile, Support, ConsoleRoles.Support, since, e => e.UserId == userId);
        Assert.Equal("profile-save", entry.ClientUserId);
    }

    [Fact]
    public async Task A_name_LibreView_shared_says_so_until_support_writes_their_own()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await PatientAsync("profile-shared");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.PatientProfiles.Add(new PatientProfile
            {
                UserId = userId, DisplayName = "Ada Lovelace", DateOfBirth = new DateOnly(1982, 7, 22), Source = PatientProfileSources.LibreView, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var panel = Panel(userId);
        Assert.Contains("LibreView", panel.Find("[data-testid=profile-source]").TextContent);

        Input(panel, "profile-name").Change("Ada L. (clinic)");
        await panel.Find("[data-testid=profile-form]").SubmitAsync();

        panel.WaitForAssertion(() => Assert.Equal("Ada L. (clinic)", panel.Find("[data-testid=profile-display-name]").TextContent.Trim()));
        Assert.Empty(panel.FindAll("[data-testid=profile-source]"));
        await using var after = await Contexts.CreateDbContextAsync();
        var stored = await after.PatientProfiles.AsNoTracking().SingleAsync(p => p.UserId == userId);
        Assert.Equal(("Ada L. (clinic)", new DateOnly(1982, 7, 22), PatientProfileSources.Staff), (stored.DisplayName, stored.DateOfBirth, stored.Source));
    }

    [Theory]
    [InlineData("27/03/1984", "yyyy-MM-dd")]
    [InlineData("1899-12-31", "before 1900-01-01")]
    [InlineData("2999-01-01", "in the future")]
    public async Task A_refused_date_of_birth_shows_its_reason_and_nothing_is_stored(string typed, string reason)
    {
        ActAs(ConsoleRoles.Support);
        var userId = await PatientAsync("profile-bad-" + typed.Replace('/', '-'));
        var panel = Panel(userId);

        Input(panel, "profile-name").Change("Grace Hopper");
        Input(panel, "profile-birth").Change(typed);
        await panel.Find("[data-testid=profile-form]").SubmitAsync();

        Assert.Contains(reason, panel.WaitForElement("[data-testid=profile-error]").TextContent);
        Assert.Equal("—", panel.Find("[data-testid=profile-display-name]").TextContent.Trim());
        // What was typed stays in the form to be corrected.
        Assert.Equal(typed, Input(panel, "profile-birth").GetAttribute("value"));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.PatientProfiles.AnyAsync(p => p.UserId == userId));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.UserId == userId));
    }

    [Fact]
    public async Task Adding_a_tag_shows_it_lower_cased_and_is_audited_once_and_a_repeat_is_refused()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await PatientAsync("profile-tag-add");
        var panel = Panel(userId);
        var since = AuditAssert.Now();

        Input(panel, "profile-new-tag").Change(" Pump-Start ");
        await panel.Find("[data-testid=tag-form]").SubmitAsync();

        panel.WaitForAssertion(() => Assert.Equal(["pump-start"], Tags(panel)));
        Assert.Equal("", Input(panel, "profile-new-tag").GetAttribute("value") ?? "");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var entry = await AuditAssert.SingleAsync(db, AuditActions.AddPatientTag, Support, ConsoleRoles.Support, since, e => e.UserId == userId);
            Assert.Equal("tag=pump-start", entry.Details);
        }

        Input(panel, "profile-new-tag").Change("PUMP-START");
        await panel.Find("[data-testid=tag-form]").SubmitAsync();

        Assert.Contains("already has the tag", panel.WaitForElement("[data-testid=profile-error]").TextContent);
        Assert.Equal(["pump-start"], Tags(panel));
        await using var after = await Contexts.CreateDbContextAsync();
        Assert.Equal(1, await after.PatientTags.CountAsync(t => t.UserId == userId));
    }

    [Fact]
    public async Task Removing_a_tag_with_its_labelled_button_removes_only_it_and_is_audited_once()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await PatientAsync("profile-tag-remove", "pregnancy", "pump-start");
        var panel = Panel(userId);
        Assert.Equal(["pregnancy", "pump-start"], Tags(panel));
        var since = AuditAssert.Now();

        await panel.Find("button[aria-label='Remove tag pump-start']").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal(["pregnancy"], Tags(panel)));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(["pregnancy"], await db.PatientTags.Where(t => t.UserId == userId).Select(t => t.Tag).ToListAsync());
        var entry = await AuditAssert.SingleAsync(db, AuditActions.RemovePatientTag, Support, ConsoleRoles.Support, since, e => e.UserId == userId);
        Assert.Equal("tag=pump-start", entry.Details);
    }

    [Fact]
    public async Task A_viewer_sees_the_name_and_tags_but_no_edit_controls()
    {
        ActAs(ConsoleRoles.Viewer);
        var userId = await PatientAsync("profile-viewer", "pump-start");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.PatientProfiles.Add(new PatientProfile { UserId = userId, DisplayName = "Vera Viewed", DateOfBirth = new DateOnly(2001, 2, 3), Source = PatientProfileSources.Staff });
            await db.SaveChangesAsync();
        }

        var panel = Panel(userId);

        Assert.Equal("Vera Viewed", panel.Find("[data-testid=profile-display-name]").TextContent.Trim());
        Assert.Equal("3 Feb 2001", panel.Find("[data-testid=profile-date-of-birth]").TextContent.Trim());
        Assert.Equal(["pump-start"], Tags(panel));
        Assert.Empty(panel.FindAll("[data-testid=profile-form]"));
        Assert.Empty(panel.FindAll("[data-testid=tag-form]"));
        Assert.Empty(panel.FindAll("[data-testid=remove-tag]"));
    }

    [Fact]
    public async Task Before_the_page_is_interactive_the_buttons_are_disabled()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await PatientAsync("profile-prerender", "pump-start");
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var panel = Panel(userId);

        Assert.True(panel.Find("[data-testid=save-profile]").HasAttribute("disabled"));
        Assert.True(panel.Find("[data-testid=add-tag]").HasAttribute("disabled"));
        Assert.True(panel.Find("[data-testid=remove-tag]").HasAttribute("disabled"));
    }
}
