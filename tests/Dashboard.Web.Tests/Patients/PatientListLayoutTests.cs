using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Users;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Patients;

/// <summary>The patient list's layout rules: default columns, short labelled sort headers, sort and columns in the URL, roles.</summary>
public sealed class PatientListLayoutTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly BunitAuthorizationContext _auth;

    public PatientListLayoutTests()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("Sam Support");
        _auth.SetConsoleRole("support");
        _auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
        await AddPatientAsync("p-high", 82);
        await AddPatientAsync("p-low", 41);
        await AddPatientAsync("p-nodata", null);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task AddPatientAsync(string clientUserId, double? timeInRange)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var team = await db.Teams.FirstAsync(t => t.Name == "Sandbox US");
        var user = new User { TeamId = team.Id, ClientUserId = clientUserId, CreatedAt = DateTime.UtcNow };
        var connection = new Connection { UserId = user.Id, Provider = Providers.AbbottLibreView, Status = ConnectionStatus.Connected, Region = "us", CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        db.Connections.Add(connection);
        if (timeInRange is { } tir)
        {
            db.SyncStates.Add(new ConnectionSyncState
            {
                ConnectionId = connection.Id, NextDueAt = DateTime.UtcNow, TimeInRange14dPercent = tir, ActivePercent14d = 95,
                LastReadingAt = new DateTime(2026, 11, 30, 7, 45, 0),
            });
        }
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<PatientList> RenderAt(string url, bool interactive = true)
    {
        Renderer.SetRendererInfo(new RendererInfo(interactive ? "Server" : "Static", interactive));
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        Render<MudPopoverProvider>();
        var page = Render<PatientList>();
        if (interactive)
        {
            page.WaitForAssertion(() => Assert.Contains("p-nodata", page.Markup), TimeSpan.FromSeconds(5));
        }
        return page;
    }

    private static string[] RowIds(IRenderedComponent<PatientList> page) =>
        page.FindAll("[data-testid=patient-grid] tbody tr a[href^='/patients/']:not([data-testid=row-review])").Select(a => a.TextContent.Trim()).ToArray();

    private static string[] Headers(IRenderedComponent<PatientList> page) =>
        page.FindAll("button.sort-header").Select(b => b.TextContent.Trim()).ToArray();

    [Fact]
    public void The_default_columns_are_the_short_set_that_fits_1280_px()
    {
        var page = RenderAt("/patients");

        Assert.Equal(["Patient", "Team", "Status", "Last reading", "TIR 14d", "CGM 14d", "History"], Headers(page));
        Assert.All(PatientListColumns.All, c => Assert.True(c.Header.Length <= 12, $"{c.Header} is too long for one line"));
        Assert.Empty(page.FindAll("[data-testid=sort-region]"));
        Assert.Empty(page.FindAll("[data-testid=sort-provider]"));
    }

    [Fact]
    public void Every_sort_button_has_a_name_that_starts_with_its_visible_header()
    {
        var page = RenderAt("/patients");

        var buttons = page.FindAll("button.sort-header");
        Assert.NotEmpty(buttons);
        Assert.All(buttons, b => Assert.StartsWith(b.TextContent.Trim() + ":", b.GetAttribute("aria-label")));
        Assert.Contains("Sorted ascending", page.Find("[data-testid=sort-patient]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Pressing_a_header_puts_the_sort_in_the_url_and_no_data_patients_stay_last()
    {
        var page = RenderAt("/patients");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        page.Find("[data-testid=sort-tir]").Click();
        page.WaitForAssertion(() => Assert.EndsWith("/patients?sort=tir", navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal(["p-low", "p-high"], RowIds(page)[..2]));

        page.Find("[data-testid=sort-tir]").Click();
        page.WaitForAssertion(() => Assert.EndsWith("/patients?sort=tir&desc=1", navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal(["p-high", "p-low"], RowIds(page)[..2]));
        Assert.Contains("Sorted descending", page.Find("[data-testid=sort-tir]").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_sort_and_columns_from_the_url_are_applied()
    {
        var page = RenderAt("/patients?sort=tir&desc=1&cols=team,region,tir");

        page.WaitForAssertion(() => Assert.Equal(["p-high", "p-low"], RowIds(page)[..2]));
        Assert.Equal(["Patient", "Team", "Region", "TIR 14d"], Headers(page));
    }

    [Fact]
    public void Column_keys_round_trip_and_the_default_set_stays_out_of_the_url()
    {
        Assert.Null(PatientListColumns.Format(PatientListColumns.Default));
        Assert.Equal(PatientListColumns.Default, PatientListColumns.Parse(null));
        Assert.Equal(PatientListColumns.Default, PatientListColumns.Parse("nonsense"));
        var chosen = PatientListColumns.Parse("region,team");
        Assert.Equal([PatientListColumns.Patient, PatientListColumns.Team, PatientListColumns.Region], chosen);
        Assert.Equal("patient,team,region", PatientListColumns.Format(chosen));
    }

    [Fact]
    public void A_viewer_gets_the_list_with_review_as_the_row_action_and_no_export()
    {
        _auth.SetConsoleRole("viewer");
        _auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));

        var page = RenderAt("/patients");

        Assert.Empty(page.FindAll("[data-testid=export-csv]"));
        var reviews = page.FindAll("[data-testid=row-review]");
        Assert.Equal(3, reviews.Count);
        Assert.All(reviews, a => Assert.Matches("^/patients/[0-9a-f-]{36}/review$", a.GetAttribute("href")));
    }

    [Fact]
    public void Before_the_circuit_is_live_the_list_says_loading_not_no_patients()
    {
        var page = RenderAt("/patients", interactive: false);

        Assert.NotNull(page.Find("[data-testid=patients-loading]"));
        Assert.DoesNotContain("No patients match", page.Markup);
    }

    [Fact]
    public void The_last_reading_column_says_it_is_device_time_and_shows_the_meters_clock_unconverted()
    {
        var page = RenderAt("/patients");

        var header = page.Find("[data-testid=sort-reading]").ParentElement!;
        Assert.Contains("device time", header.TextContent);
        var row = page.FindAll("[data-testid=patient-grid] tbody tr").Single(r => r.TextContent.Contains("p-high"));
        Assert.Contains("30 Nov 2026 07:45", row.QuerySelector(".device-time")!.TextContent);
        Assert.Equal("ascending", page.Find("[data-testid=sort-patient]").ParentElement!.GetAttribute("aria-sort"));
    }
}
