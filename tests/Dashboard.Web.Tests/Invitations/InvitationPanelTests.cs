using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Invitations;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Time;
using Dashboard.Core.Users;
using Dashboard.Web.Components.Pages.Invitations;
using Dashboard.Web.Components.Time;
using Dashboard.TestSupport;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Invitations;

/// <summary>The invitation form (link, QR code, refusals, who may send) and the patient page's invitation list (states, resend).</summary>
public sealed class InvitationPanelTests : ConsoleTestContext, IAsyncLifetime
{
    private const string Support = "support@example.org";
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;

    public InvitationPanelTests()
    {
        Services.AddSingleton(new Dashboard.Web.Configuration.PublicLinks(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
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

    private async Task<Guid> BrokenPatientAsync(string clientUserId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var organizationId = await db.StaffMemberships.Where(m => m.Email == Support).Select(m => m.OrganizationId).SingleAsync();
        var team = await db.Teams.Where(t => t.OrganizationId == organizationId).OrderBy(t => t.Name).FirstAsync();
        var user = new User { TeamId = team.Id, ClientUserId = clientUserId, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        db.Connections.Add(new Connection
        {
            UserId = user.Id, Provider = Providers.AbbottLibreView, Status = ConnectionStatus.Error, CreatedAt = DateTime.UtcNow,
            ErrorType = LinkErrorTypes.ProviderPasswordExpired, ErroredAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<InvitationForm> form, string testId) => InputOf(form.Find($"[data-testid={testId}]"));

    /// <summary>MudTextField puts its attributes on the input or on a wrapper around it.</summary>
    private static AngleSharp.Dom.IElement InputOf(AngleSharp.Dom.IElement element) =>
        element.TagName == "INPUT" ? element : element.QuerySelector("input")!;

    private static string Input(AngleSharp.Dom.IElement element) => InputOf(element).GetAttribute("value") ?? "";

    private IRenderedComponent<InvitationForm> Form(Guid userId) =>
        Render<InvitationForm>(p => p.Add(c => c.UserId, userId).Add(c => c.Kind, InvitationKinds.Reconnect).Add(c => c.Provider, Providers.AbbottLibreView));

    [Fact]
    public async Task Sending_shows_the_link_and_its_QR_code_keeps_only_a_hash_and_is_audited_once()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await BrokenPatientAsync("panel-send");
        var form = Form(userId);
        var since = AuditAssert.Now();

        Input(form, "invitation-email").Change("panel.send@example.org");
        await form.Find("form").SubmitAsync();

        Assert.Empty(form.FindAll("[data-testid=invitation-error]"));
        form.WaitForElement("[data-testid=issued-invitation]");
        var url = Input(form.Find("[data-testid=invitation-link]"));
        Assert.StartsWith(Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().BaseUri + "invite?code=inv_", url);
        Assert.StartsWith("data:image/png;base64,", form.Find("[data-testid=invitation-qr]").GetAttribute("src"));
        Assert.Contains("Works until", form.Find("[data-testid=invitation-validity]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=invitation-error]"));

        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var stored = await db.PatientInvitations.AsNoTracking().SingleAsync(i => i.UserId == userId);
        var code = url[(url.IndexOf("code=", StringComparison.Ordinal) + "code=".Length)..];
        Assert.Equal("panel.send@example.org", stored.Email);
        Assert.DoesNotContain(code, stored.SecretHash);
        Assert.True(await db.OutgoingMails.AnyAsync(m => m.InvitationId == stored.Id && m.To == "panel.send@example.org"));
        var entry = await AuditAssert.SingleAsync(db, AuditActions.SendInvitation, Support, ConsoleRoles.Support, since, e => e.UserId == userId);
        Assert.Equal("panel-send", entry.ClientUserId);
    }

    [Fact]
    public async Task The_list_shows_each_invitation_s_state_and_a_resend_gives_a_new_link_audited_once()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await BrokenPatientAsync("panel-resend");
        var form = Form(userId);
        Input(form, "invitation-email").Change("panel.resend@example.org");
        await form.Find("form").SubmitAsync();
        form.WaitForElement("[data-testid=issued-invitation]");
        var firstUrl = Input(form.Find("[data-testid=invitation-link]"));

        var list = Render<InvitationList>(p => p.Add(c => c.UserId, userId));
        var row = list.WaitForElement("[data-testid=invitation-row]");
        Assert.Equal("sent", row.GetAttribute("data-state"));
        Assert.Contains("panel.resend@example.org", row.TextContent);
        Assert.Equal("Sent", row.QuerySelector("[data-testid=invitation-state]")!.TextContent.Trim());

        var since = AuditAssert.Now();
        await list.Find("[data-testid=resend-invitation]").ClickAsync(new());

        list.WaitForElement("[data-testid=resend-done]");
        var secondUrl = Input(list.Find("[data-testid=invitation-link]"));
        Assert.NotEqual(firstUrl, secondUrl);
        Assert.Contains("sent 2 times", list.Find("[data-testid=invitation-row]").TextContent);
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await AuditAssert.SingleAsync(db, AuditActions.ResendInvitation, Support, ConsoleRoles.Support, since, e => e.UserId == userId);

        // The first link no longer opens anything.
        var invitations = Services.GetRequiredService<PatientInvitations>();
        var opened = await invitations.OpenAsync(firstUrl[(firstUrl.IndexOf("code=", StringComparison.Ordinal) + "code=".Length)..]);
        Assert.Null(opened.Token);
    }

    [Fact]
    public async Task A_bad_address_is_refused_with_a_visible_message_and_nothing_is_sent()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await BrokenPatientAsync("panel-bad");
        var form = Form(userId);

        Input(form, "invitation-email").Change("not-an-address");
        await form.Find("form").SubmitAsync();

        Assert.Contains("e-mail address", form.WaitForElement("[data-testid=invitation-error]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=issued-invitation]"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.PatientInvitations.AnyAsync(i => i.UserId == userId));
    }

    [Fact]
    public async Task A_viewer_gets_no_form()
    {
        ActAs(ConsoleRoles.Viewer);
        var form = Form(await BrokenPatientAsync("panel-viewer"));

        Assert.Empty(form.FindAll("[data-testid=invitation-form]"));
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<StaffClock>> InBerlin<T>(Action<Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder> attributes)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        Render<Microsoft.AspNetCore.Components.CascadingValue<StaffClock>>(p => p
            .Add(c => c.Value, new StaffClock(Berlin, System.Globalization.CultureInfo.GetCultureInfo("en")))
            .AddChildContent(builder =>
            {
                builder.OpenComponent<T>(0);
                attributes(builder);
                builder.CloseComponent();
            }));

    [Fact]
    public async Task The_list_a_sent_link_and_the_landing_page_show_their_times_in_the_browsers_zone_with_UTC_on_hover()
    {
        ActAs(ConsoleRoles.Support);
        var userId = await BrokenPatientAsync("panel-zone");
        var form = Form(userId);
        Input(form, "invitation-email").Change("panel.zone@example.org");
        await form.Find("form").SubmitAsync();
        form.WaitForElement("[data-testid=issued-invitation]");
        var url = Input(form.Find("[data-testid=invitation-link]"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var stored = await db.PatientInvitations.AsNoTracking().SingleAsync(i => i.UserId == userId);
        var english = System.Globalization.CultureInfo.GetCultureInfo("en");

        var list = InBerlin<InvitationList>(b => b.AddAttribute(1, nameof(InvitationList.UserId), userId));
        var times = list.WaitForElement("[data-testid=invitation-row]").QuerySelectorAll("time").Select(e => e.TextContent).ToList();
        Assert.Equal([ConsoleDateFormat.Local(stored.LastSentAt, Berlin, english), ConsoleDateFormat.Local(stored.ExpiresAt, Berlin, english)], times);
        Assert.DoesNotContain("UTC", list.Find("[data-testid=invitation-row]").TextContent);

        var expires = new DateTime(2026, 12, 2, 10, 5, 0, DateTimeKind.Utc);
        var issued = InBerlin<IssuedInvitation>(b => b.AddAttribute(1, nameof(IssuedInvitation.Issued),
            new InvitationIssued(Guid.NewGuid(), userId, "https://console.example.org/invite?code=inv_x", expires)));
        var validity = issued.Find("[data-testid=invitation-validity]").TextContent;
        Assert.Contains("Works until 2 Dec 2026 11:05.", validity); // Berlin is UTC+1 in December
        Assert.DoesNotContain("UTC", validity);

        // The patient's landing page: the patient's browser zone (the layout cascades it, as the console's does), UTC on hover.
        var code = url[(url.IndexOf("code=", StringComparison.Ordinal) + "code=".Length)..];
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/invite?code=" + Uri.EscapeDataString(code));
        var landing = InBerlin<InvitationLandingPage>(_ => { });
        var until = landing.WaitForElement("[data-testid=invitation-works-until]");
        Assert.Equal($"This invitation works until {ConsoleDateFormat.Local(stored.ExpiresAt, Berlin, english)}.", until.TextContent.Trim());
        Assert.Equal(StaffTimeFormat.UtcTitle(stored.ExpiresAt), until.QuerySelector("time")!.GetAttribute("title"));
        Assert.DoesNotContain("UTC", until.TextContent);
    }
}
