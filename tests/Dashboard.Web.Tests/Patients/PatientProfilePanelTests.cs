using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Audit;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Review;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Patients;

/// <summary>
/// The patient page's profile panel on a real store: a name LibreView shared says so, support overwrites it (it becomes
/// staff's), a bad date is refused with the typed text kept, tags are added and removed, and a viewer sees no form.
/// </summary>
public sealed class PatientProfilePanelTests : BunitContext, IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;
    private Guid _patient;

    public PatientProfilePanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<Dashboard.Web.Access.CurrentStaff>();
        _auth = AddAuthorization();
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: ReviewPatients.ViewerEmail);
        _patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(60, 1, 120));
        await using var db = await Db();
        db.PatientProfiles.Add(new PatientProfile
        {
            UserId = _patient, DisplayName = "Ada Lovelace", DateOfBirth = new DateOnly(1982, 7, 22), Source = PatientProfileSources.LibreView, UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task<DashboardDbContext> Db() => Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    private IRenderedComponent<PatientProfilePanel> RenderAs(string role)
    {
        _auth.SetConsolePerson(role, ReviewPatients.ViewerEmail);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        var panel = Render<PatientProfilePanel>(p => p.Add(x => x.UserId, _patient));
        panel.WaitForAssertion(() => Assert.Equal("Ada Lovelace", panel.Find("[data-testid=profile-display-name]").TextContent.Trim()));
        return panel;
    }

    [Fact]
    public async Task A_shared_name_says_where_it_came_from_until_support_writes_their_own()
    {
        var panel = RenderAs("support");
        Assert.Equal("1982-07-22", panel.Find("[data-testid=profile-date-of-birth]").TextContent.Trim());
        Assert.Contains("LibreView", panel.Find("[data-testid=profile-source]").TextContent);

        panel.Find("input[data-testid=profile-name]").Change("Ada L. (clinic)");
        panel.Find("[data-testid=profile-form]").Submit();

        panel.WaitForAssertion(() => Assert.Equal("Saved.", panel.Find("[data-testid=profile-saved]").TextContent.Trim()));
        Assert.Equal("Ada L. (clinic)", panel.Find("[data-testid=profile-display-name]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=profile-source]"));
        await using var db = await Db();
        var stored = await db.PatientProfiles.AsNoTracking().SingleAsync(p => p.UserId == _patient);
        Assert.Equal(("Ada L. (clinic)", PatientProfileSources.Staff), (stored.DisplayName, stored.Source));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ChangePatientProfile && e.UserId == _patient));
    }

    [Fact]
    public async Task A_bad_date_is_refused_with_the_typed_text_kept_and_nothing_stored()
    {
        var panel = RenderAs("support");

        panel.Find("input[data-testid=profile-birth]").Change("22/07/1982");
        panel.Find("[data-testid=profile-form]").Submit();

        panel.WaitForAssertion(() => Assert.Contains("yyyy-MM-dd", panel.Find("[data-testid=profile-error]").TextContent));
        Assert.Equal("22/07/1982", panel.Find("input[data-testid=profile-birth]").GetAttribute("value"));
        await using var db = await Db();
        Assert.Equal(new DateOnly(1982, 7, 22), (await db.PatientProfiles.AsNoTracking().SingleAsync(p => p.UserId == _patient)).DateOfBirth);
    }

    [Fact]
    public void Support_adds_and_removes_a_tag()
    {
        var panel = RenderAs("support");
        Assert.NotNull(panel.Find("[data-testid=profile-no-tags]"));

        panel.Find("input[data-testid=profile-new-tag]").Change(" Pump-Start ");
        panel.Find("[data-testid=tag-form]").Submit();

        panel.WaitForAssertion(() => Assert.Equal("pump-start", panel.Find("[data-testid=profile-tag]").GetAttribute("data-tag")));
        panel.Find("[data-testid=remove-tag]").Click();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=profile-no-tags]")));
    }

    [Fact]
    public void A_viewer_reads_the_profile_without_a_form()
    {
        var panel = RenderAs("viewer");

        Assert.Empty(panel.FindAll("[data-testid=profile-form]"));
        Assert.Empty(panel.FindAll("[data-testid=tag-form]"));
    }
}
