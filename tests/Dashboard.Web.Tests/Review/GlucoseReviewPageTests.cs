using System.Security.Claims;
using System.Text;
using Bunit;
using Dashboard.Core.Audit;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Preferences;
using Dashboard.Core.Teams;
using Dashboard.Core.Storage;
using Dashboard.Web.Access;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Pages.Review;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using MudBlazor.Services;
using Dashboard.Core.Glucose.Synthetic;

namespace Dashboard.Web.Tests.Review;

/// <summary>The whole page on a real store: numbers, goals, the data-sufficiency warning, empty and not-found states.</summary>
public sealed class GlucoseReviewPageTests : BunitContext, IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly TestStore _store = new();
    private BunitJSModuleInterop _charts = null!;

    public GlucoseReviewPageTests(ITestOutputHelper output)
    {
        _output = output;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddScoped<UnitPreference>();
        Services.AddScoped<CurrentStaff>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Vic Viewer");
        auth.SetConsoleRole("viewer");
        auth.SetClaims(new Claim("email", ReviewPatients.ViewerEmail));
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: ReviewPatients.ViewerEmail);
        // The development seed's first team is deployed in the EU (mmol/L by default): these tests read mg/dL unless
        // a test deploys its patient's team in the EU.
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Teams.ExecuteUpdateAsync(t => t.SetProperty(x => x.DeploymentRegion, DeploymentRegion.Us));
        _charts = JSInterop.SetupModule(ApexChart.ModulePath);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's date pickers hold services that only dispose asynchronously.
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    private IRenderedComponent<GlucoseReviewPage> RenderPage(Guid userId)
    {
        var page = Render<GlucoseReviewPage>(p => p.Add(c => c.UserId, userId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-busy=true]")), TimeSpan.FromSeconds(10));
        return page;
    }

    private static string Text(IRenderedComponent<GlucoseReviewPage> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task Statistics_ranges_and_goals_show_the_engine_numbers()
    {
        // 14 days of 15-minute readings cycling 60, 120, 120, 200 mg/dL: 25 % low, 50 % in range, 25 % high.
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 200));

        var page = RenderPage(patient);

        Assert.Equal("125 mg/dL", Text(page, "stat-mean")); // (60 + 2 × 120 + 200) / 4
        Assert.Equal("100.0 %", Text(page, "stat-active"));
        Assert.Equal("1,344", Text(page, "stat-readings"));
        Assert.Equal("80.0 (zone D)", Text(page, "stat-gri")); // 2.4 × 25 + 0.8 × 25
        Assert.Empty(page.FindAll("[data-testid=insufficient-data]"));
        var goals = page.Find("[data-testid=ranges-goals]");
        var target = goals.QuerySelector("[data-band=InRange]")!.TextContent;
        Assert.Contains("50.0 %", target);
        Assert.Contains("(12 h a day)", target);
        Assert.Contains("(6 h a day)", goals.QuerySelector("[data-band=Low]")!.TextContent);
        Assert.Contains("Goal > 70 %", target);
        Assert.Contains("Goal < 4 % (low and very low)", goals.QuerySelector("[data-band=Low]")!.TextContent);
        Assert.Contains("Goal < 1 %", goals.QuerySelector("[data-band=VeryLow]")!.TextContent);
        Assert.Contains("Goal < 25 % (high and very high)", goals.QuerySelector("[data-band=High]")!.TextContent);
        Assert.Contains("Goal < 5 %", goals.QuerySelector("[data-band=VeryHigh]")!.TextContent);
        Assert.Equal(14, page.FindAll(".daily-profile").Count);
    }

    [Fact]
    public async Task Under_70_percent_active_shows_the_data_sufficiency_warning()
    {
        // 9 days of data in the default 14-day period: 9 × 96 × 15 / (14 × 1,440) = 64.3 % active.
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 9, 120));

        var page = RenderPage(patient);

        Assert.Contains("64.3 %", Text(page, "insufficient-data"));
        Assert.Contains("under 70 %", Text(page, "insufficient-data"));
    }

    [Fact]
    public async Task Every_chart_has_a_text_alternative_with_its_numbers()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 2, 100, 150),
        [
            new NoteInput(ReviewPatients.Start.AddDays(1).AddHours(8).AddMinutes(5), NoteKind.Carbohydrates, 30, null),
            new NoteInput(ReviewPatients.Start.AddDays(1).AddHours(8).AddMinutes(35), NoteKind.Carbohydrates, 20, null),
        ]);

        var page = RenderPage(patient);

        var agpTable = page.Find("[data-testid=agp-table]");
        Assert.Equal(24, agpTable.QuerySelectorAll("tbody tr").Length); // one row an hour
        Assert.Contains("00:00", agpTable.TextContent);
        Assert.Contains("Target range", Text(page, "time-in-ranges-table"));
        Assert.Contains("Sun 2 Mar", Text(page, "daily-profiles-table"));
        Assert.Contains("Carbs 50 g", Text(page, "detail-table")); // the hour's two entries summed
        Assert.Contains("96 points", Text(page, "detail-summary"));
    }

    [Fact]
    public async Task Choosing_a_day_shows_it_in_the_detail_chart()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 3, 100, 150));
        var page = RenderPage(patient);
        Assert.Contains("3 Mar 2025", Text(page, "detail")); // the period's last day first

        page.Find("[aria-label='Show Sat 1 Mar in detail']").Click();

        page.WaitForAssertion(() => Assert.Contains("96 points from 1 Mar 2025 00:00 to 1 Mar 2025 23:45", Text(page, "detail-summary")));
    }

    [Fact]
    public async Task Switching_to_mmol_updates_the_charts_in_place_and_is_remembered()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        _charts.SetupVoid("update", _ => true).SetVoidResult();
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 2, 90, 180));
        var page = RenderPage(patient);
        var created = _charts.Invocations["create"].Count;

        page.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "mmol/L").Click();

        page.WaitForAssertion(() => Assert.Equal("7.5 mmol/L", Text(page, "stat-mean"))); // 135 / 18.0182
        Assert.Equal(created, _charts.Invocations["create"].Count); // no chart re-created
        Assert.Contains(_charts.Invocations["update"], i => ((string)i.Arguments[1]!).Contains("\"id\":\"agp\"") && ((string)i.Arguments[1]!).Contains("\"y\":3.9,\"y2\":10"));
        // Kept on the server for the person, not in this browser.
        page.WaitForAssertion(() => Assert.Equal(GlucoseUnit.MmolPerL, PreferenceOfViewer().GlucoseUnit));
    }

    [Fact]
    public async Task Switching_the_unit_converts_the_readings_held_without_reading_the_store_again()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 2, 90, 180));
        var page = RenderPage(patient);
        Assert.Equal("192", Text(page, "stat-readings"));
        // A reading stored after the page read the period: a unit switch that queried again would count it.
        await Services.GetRequiredService<ReadingWriter>().WriteAsync(patient, null, DataSources.CsvImport,
            [new ReadingInput(ReviewPatients.Start.AddDays(2).AddMinutes(-5), ReadingKind.Automatic, 135, GlucoseUnit.MgPerDl)], []);

        page.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "mmol/L").Click();

        page.WaitForAssertion(() => Assert.Equal("7.5 mmol/L", Text(page, "stat-mean")));
        Assert.Equal("192", Text(page, "stat-readings"));
        Assert.Contains("mmol/L", page.Find("[data-testid=detail-summary]").TextContent);
    }

    [Fact]
    public async Task Daily_profiles_are_server_drawn_vectors_with_a_title_on_the_target_band_of_the_unit()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 2, 90, 180));
        var page = RenderPage(patient);

        var tiles = page.FindAll("svg[data-chart=daily-profile]");
        Assert.Equal(2, tiles.Count);
        Assert.Equal("img", tiles[0].GetAttribute("role"));
        Assert.StartsWith("Sat 1 Mar: mean 135 mg/dL", tiles[0].QuerySelector("title")!.TextContent);
        // 70–180 mg/dL on a 0–350 scale, 100 units high: from y 48.6 (180) down 31.4 units (to 70).
        var band = tiles[0].QuerySelector("rect")!;
        Assert.Equal(("48.6", "31.4"), (band.GetAttribute("y"), band.GetAttribute("height")));
        var line = tiles[0].QuerySelector("path")!.GetAttribute("d")!;
        Assert.StartsWith("M0 74.3 L", line); // 00:00 at 90 mg/dL: 100 − 90 / 350 × 100
        Assert.Empty(page.FindAll(".daily-profiles .apex-chart"));

        page.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "mmol/L").Click();

        // 3.9–10.0 mmol/L on a 0–21 scale.
        page.WaitForAssertion(() => Assert.Equal("52.4", page.Find("svg[data-chart=daily-profile] rect").GetAttribute("y")));
        Assert.Equal("29", page.Find("svg[data-chart=daily-profile] rect").GetAttribute("height"));
    }

    private StaffPreference PreferenceOfViewer() =>
        Services.GetRequiredService<StaffPreferences>().GetAsync(ReviewPatients.ViewerEmail).GetAwaiter().GetResult();

    private async Task DeployTeamOfAsync(Guid patient, DeploymentRegion region)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var team = await db.Teams.SingleAsync(t => db.Users.Any(u => u.Id == patient && u.TeamId == t.Id));
        team.DeploymentRegion = region;
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData(DeploymentRegion.Eu, "7.5 mmol/L", "mmol/L")]
    [InlineData(DeploymentRegion.Us, "135 mg/dL", "mg/dL")]
    public async Task Without_a_choice_of_their_own_a_person_reads_the_unit_of_the_patients_deployment_region(DeploymentRegion region, string mean, string unit)
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 2, 90, 180));
        await DeployTeamOfAsync(patient, region);

        var page = RenderPage(patient);

        Assert.Equal(mean, Text(page, "stat-mean"));
        Assert.Equal(unit, page.Find("[data-testid=glucose-review]").GetAttribute("data-unit"));
        Assert.Null(PreferenceOfViewer().GlucoseUnit); // a default, not a choice
    }

    [Fact]
    public async Task The_persons_own_unit_kept_on_the_server_wins_over_the_regions_default()
    {
        await Services.GetRequiredService<StaffPreferences>().SetGlucoseUnitAsync(ReviewPatients.ViewerEmail.ToUpperInvariant(), GlucoseUnit.MgPerDl);
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 2, 90, 180));
        await DeployTeamOfAsync(patient, DeploymentRegion.Eu);

        var page = RenderPage(patient);

        Assert.Equal("135 mg/dL", Text(page, "stat-mean"));
    }

    [Fact]
    public async Task A_patient_without_readings_sees_empty_states_not_charts()
    {
        var patient = await ReviewPatients.AddAsync(Services, []);

        var page = RenderPage(patient);

        Assert.NotNull(page.Find("[data-testid=statistics-empty]"));
        Assert.NotNull(page.Find("[data-testid=time-in-ranges-empty]"));
        Assert.NotNull(page.Find("[data-testid=agp-empty]"));
        Assert.NotNull(page.Find("[data-testid=daily-profiles-empty]"));
        Assert.NotNull(page.Find("[data-testid=detail-empty]"));
        Assert.Empty(page.FindAll(".apex-chart"));
    }

    [Fact]
    public async Task Viewing_the_review_is_written_to_the_audit_log()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 1, 120));
        var since = Dashboard.TestSupport.AuditAssert.Now();

        RenderPage(patient);

        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var entry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.ViewGlucose, ReviewPatients.ViewerEmail, "viewer", since);
        Assert.Equal(patient, entry.UserId);
        Assert.Equal("glucose review, last 14 days", entry.Details);
        Assert.Single(await db.AuditEntries.Where(e => e.UserId == patient).ToListAsync());
    }

    [Fact]
    public async Task A_patient_outside_the_persons_organisation_is_not_found()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 1, 120), organization: "Elsewhere Health");

        var page = Render<GlucoseReviewPage>(p => p.Add(c => c.UserId, patient));

        page.WaitForElement("[data-testid=review-not-found]", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(patient.ToString(), page.Markup);
    }

    [Fact]
    public void An_unknown_patient_is_not_found()
    {
        var page = Render<GlucoseReviewPage>(p => p.Add(c => c.UserId, Guid.NewGuid()));

        page.WaitForElement("[data-testid=review-not-found]", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_charts_get_the_AGP_and_ranges_series_from_Core()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 3, 100, 200));

        RenderPage(patient);

        var created = _charts.Invocations["create"].Select(i => (string)i.Arguments[1]!).ToList();
        var agp = Assert.Single(created, json => json.Contains("\"id\":\"agp\""));
        Assert.Contains("\"name\":\"5–95 %\"", agp);
        Assert.Contains("\"name\":\"Median\",\"data\":[[0,", agp);
        Assert.Contains("\"y\":70,\"y2\":180", agp); // the target band
        var ranges = Assert.Single(created, json => json.Contains("\"id\":\"time-in-ranges\""));
        Assert.Contains("\"stackType\":\"100%\"", ranges);
        Assert.Contains("{\"name\":\"Target range\",\"data\":[50]", ranges);
        Assert.Contains("{\"name\":\"High\",\"data\":[50]", ranges);
    }

    [Fact]
    public async Task A_90_day_5_minute_patient_sends_under_150_KB_of_chart_data()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        var patient = await ReviewPatients.AddAsync(Services, GlucoseBenchmark.FiveMinuteSeries(90));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/patients/{patient}/review?days=90");


        var page = RenderPage(patient);

        var created = _charts.Invocations["create"].Select(i => (string)i.Arguments[1]!).ToList();
        // The daily profiles are drawn on the server: their SVG markup is what they send.
        var days = page.Find("[data-testid=daily-profiles] .daily-profiles").OuterHtml;
        var bytes = created.Sum(Encoding.UTF8.GetByteCount) + Encoding.UTF8.GetByteCount(days);
        _output.WriteLine($"{created.Count} charts, {bytes:N0} bytes of options and series, daily SVG markup included");
        Assert.Equal(3, created.Count); // ranges, AGP, detail
        Assert.Equal(90, page.FindAll("svg[data-chart=daily-profile]").Count);
        Assert.True(bytes < ReviewPayload.BudgetBytes, $"{bytes} bytes");
    }

    [Fact]
    public async Task The_14_day_review_says_14_days_not_the_15_dates_it_touches()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 20, 120));

        var page = RenderPage(patient);

        var period = page.Find("[data-testid=statistics-period]").TextContent;
        Assert.Contains("(14 days)", period);
        Assert.DoesNotContain("15 days", period);
    }

    [Fact]
    public async Task An_empty_review_names_no_date_of_year_one()
    {
        var patient = await ReviewPatients.AddAsync(Services, []);

        var page = RenderPage(patient);

        Assert.DoesNotContain("0001", page.Markup);
        Assert.Contains("no readings yet", page.Find("[data-testid=detail]").TextContent);
    }

    [Fact]
    public async Task Glucose_events_are_summarised_listed_and_marked_on_the_detail_chart()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        // Every hour of 3 days: 60 at :00 (one 15-minute level 1 hypo) and 200 at :45 (one 15-minute level 1 hyper).
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 3, 60, 120, 120, 200));

        var page = RenderPage(patient);

        var summary = page.Find("[data-testid=events-summary]");
        var hypo = summary.QuerySelector("[data-kind=HypoLevel1]")!.TextContent;
        Assert.Contains("< 70 mg/dL", hypo);
        Assert.Contains("72", hypo); // 3 × 24
        Assert.Contains("36.0", hypo); // 72 × 7 / 14 days of the default period
        Assert.Contains("15 min", hypo);
        Assert.Contains("0", summary.QuerySelector("[data-kind=HypoLevel2]")!.TextContent);
        Assert.Contains("72", summary.QuerySelector("[data-kind=HyperLevel1]")!.TextContent);
        // The detail chart shows the last day: its 24 hypo and 24 hyper events are shaded on it and listed beside it.
        Assert.Equal(48, page.FindAll("[data-testid=detail-events] tbody tr").Count);
        var detail = Assert.Single(_charts.Invocations["create"].Select(i => (string)i.Arguments[1]!), json => json.Contains("\"id\":\"detail\""));
        Assert.Contains("\"x2\":", detail);
        Assert.Contains("Level 1 hypoglycaemia", detail);
    }

    [Fact]
    public async Task Compare_shows_the_previous_period_beside_the_chosen_one_with_both_medians()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        // 28 days: the first 14 always 200 mg/dL (high), the last 14 always 120 (in range).
        var readings = ReviewPatients.Every(15, 28, 200).Select((r, i) => i < 14 * 96 ? r : r with { Value = 120 });
        var patient = await ReviewPatients.AddAsync(Services, readings);
        var page = RenderPage(patient);

        page.Find("[data-testid=review-toolbar] input[type=checkbox]").Change(true);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=compare-statistics]")), TimeSpan.FromSeconds(10));
        var statistics = page.Find("[data-testid=compare-statistics]");
        // Last 14 days end at the newest reading (28 Mar 23:45): 15–28 Mar; the previous 14 days are 1–14 Mar.
        Assert.Contains("15 Mar 2025 – 28 Mar 2025", statistics.QuerySelectorAll("td[data-side=chosen]")[0].TextContent);
        Assert.Contains("1 Mar 2025 – 14 Mar 2025", statistics.QuerySelectorAll("td[data-side=second]")[0].TextContent);
        var mean = statistics.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Mean glucose"));
        Assert.Equal("120 mg/dL", mean.QuerySelector("td[data-side=chosen]")!.TextContent.Trim());
        Assert.Equal("200 mg/dL", mean.QuerySelector("td[data-side=second]")!.TextContent.Trim());
        var target = page.Find("[data-testid=compare-ranges] [data-band=InRange]").TextContent;
        Assert.Contains("100.0 %", target);
        Assert.Contains("+100.0 pts", target);
        var chart = Assert.Single(_charts.Invocations["create"].Select(i => (string)i.Arguments[1]!), json => json.Contains("\"id\":\"compare-agp\""));
        Assert.Contains("\"name\":\"Median, chosen period\",\"data\":[[0,120]", chart);
        Assert.Contains("\"name\":\"Median, compared with\",\"data\":[[0,200]", chart);
    }

    [Fact]
    public async Task Compare_with_a_period_of_the_person_s_choice_shows_that_period_and_its_view_is_audited()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        // 28 days from 1 Mar 2025: the first week 80 mg/dL, the second 200, the last two 120.
        var readings = ReviewPatients.Every(15, 28, 200).Select((r, i) => i < 7 * 96 ? r with { Value = 80 } : i < 14 * 96 ? r : r with { Value = 120 });
        var patient = await ReviewPatients.AddAsync(Services, readings);
        var page = RenderPage(patient);
        page.Find("[data-testid=review-toolbar] input[type=checkbox]").Change(true);
        page.WaitForAssertion(() => Assert.Contains("1 Mar 2025 – 14 Mar 2025", page.Find("[data-testid=compare-statistics] td[data-side=second]").TextContent), TimeSpan.FromSeconds(10));
        var since = Dashboard.TestSupport.AuditAssert.Now();

        var picker = page.FindComponents<MudBlazor.MudDateRangePicker>().Single(p => p.Instance.Label == "Compared with");
        await page.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new MudBlazor.DateRange(new DateTime(2025, 3, 1), new DateTime(2025, 3, 7))));

        page.WaitForAssertion(() => Assert.Contains("1 Mar 2025 – 7 Mar 2025", page.Find("[data-testid=compare-statistics] td[data-side=second]").TextContent), TimeSpan.FromSeconds(10));
        var mean = page.FindAll("[data-testid=compare-statistics] tr").Single(r => r.TextContent.Contains("Mean glucose"));
        Assert.Equal(("120 mg/dL", "80 mg/dL"), (mean.QuerySelector("td[data-side=chosen]")!.TextContent.Trim(), mean.QuerySelector("td[data-side=second]")!.TextContent.Trim()));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var entry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.ViewGlucose, ReviewPatients.ViewerEmail, "viewer", since,
            about: e => e.Details == "comparison, 2025-03-01 to 2025-03-07");
        Assert.Equal(patient, entry.UserId);
    }

    [Fact]
    public async Task In_German_the_headings_are_German_and_statistics_have_a_decimal_comma()
    {
        // 60, 120, 120, 200 mg/dL: mean 125 mg/dL, GMI 3.31 + 0.02392 × 125 = 6.3 %, 25 % low.
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 200));

        await InCulture.RunAsync("de-DE", () =>
        {
            var page = RenderPage(patient);

            Assert.Contains("Glukoseauswertung", page.Find("h1").TextContent);
            Assert.Contains("Glukosestatistik und Zielwerte", page.Find("[data-testid=statistics] h2").TextContent);
            Assert.Contains("Glukosemanagement-Indikator (GMI)", page.Find("[data-testid=statistics]").TextContent);
            Assert.Contains("Zeit in den Bereichen", page.Find("[data-testid=time-in-ranges] h2").TextContent);
            Assert.Equal("6,3 %", Text(page, "stat-gmi"));
            Assert.Equal("100,0 %", Text(page, "stat-active"));
            Assert.Equal("80,0 (Zone D)", Text(page, "stat-gri"));
            var low = page.Find("[data-testid=ranges-goals] [data-band=Low]").TextContent;
            Assert.Contains("Niedrig", low);
            Assert.Contains("25,0 %", low);
            Assert.Contains("(6 h pro Tag)", low);
            Assert.Contains("Ziel < 4 % (niedrig und sehr niedrig)", low);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task In_English_the_same_page_keeps_its_English_and_the_decimal_point()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 200));

        await InCulture.RunAsync("en-GB", () =>
        {
            var page = RenderPage(patient);

            Assert.Contains("Glucose review", page.Find("h1").TextContent);
            Assert.Contains("Glucose statistics and targets", page.Find("[data-testid=statistics] h2").TextContent);
            Assert.Equal("6.3 %", Text(page, "stat-gmi"));
            Assert.Equal("100.0 %", Text(page, "stat-active"));
            Assert.Equal("80.0 (zone D)", Text(page, "stat-gri"));
            Assert.Equal("125 mg/dL", Text(page, "stat-mean"));
            Assert.Contains("(6 h a day)", page.Find("[data-testid=ranges-goals] [data-band=Low]").TextContent);
            return Task.CompletedTask;
        });
    }

    [Theory]
    [InlineData("en", "3 Mar 2025")]
    [InlineData("en-US", "3 Mar 2025")]
    [InlineData("de", "03.03.2025")]
    public async Task The_days_to_show_picker_writes_the_date_as_the_heading_does(string culture, string shown)
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 3, 100, 150));

        await InCulture.RunAsync(culture, () =>
        {
            var page = RenderPage(patient);

            var detail = page.Find("[data-testid=detail]");
            Assert.Contains(shown, Text(page, "detail-summary")); // the panel's own words for the day
            var values = detail.QuerySelectorAll("input").Select(i => i.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
            Assert.Contains(shown, values);
            Assert.DoesNotContain(values, v => System.Text.RegularExpressions.Regex.IsMatch(v!, @"\d{1,2}/\d{1,2}/\d{4}")); // not "3/3/2025"
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task In_the_dark_theme_the_ranges_list_and_chart_share_the_very_low_colour_readable_on_the_dark_page()
    {
        _charts.SetupVoid("create", _ => true).SetVoidResult();
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 3, 50, 120));

        var page = Render<CascadingValue<ChartTheme>>(p => p
            .Add(c => c.Value, ChartTheme.Dark)
            .AddChildContent<GlucoseReviewPage>(c => c.Add(x => x.UserId, patient)));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-busy=true]")), TimeSpan.FromSeconds(10));

        var swatch = page.Find("[data-testid=ranges-goals] [data-band=VeryLow] .band-swatch").GetAttribute("style")!;
        var listColour = swatch[(swatch.IndexOf(':') + 1)..].Trim().TrimEnd(';');
        var ranges = _charts.Invocations["create"].Select(i => (string)i.Arguments[1]!).Single(json => json.Contains("\"id\":\"time-in-ranges\""));
        var chartColours = System.Text.Json.JsonDocument.Parse(ranges).RootElement.GetProperty("colors").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(ChartTheme.Dark.SeriesColor(ReviewChartOptions.ColorOf(GlucoseBand.VeryLow)), listColour);
        Assert.Equal(listColour, chartColours[0]); // the chart draws very low at the bottom, first
        Assert.NotEqual(ReviewChartOptions.ColorOf(GlucoseBand.VeryLow), listColour); // not the light theme's dark red
        // Swatches and bars are graphics: WCAG 2.1 AA (1.4.11) asks 3:1 against what is around them, the dark panel and page.
        var dark = Dashboard.Web.Components.Layout.ConsoleTheme.Value.PaletteDark;
        foreach (var around in new[] { dark.Surface, dark.Background })
        {
            foreach (var band in Enum.GetValues<GlucoseBand>())
            {
                var colour = ChartTheme.Dark.SeriesColor(ReviewChartOptions.ColorOf(band));
                Assert.True(Contrast(colour, $"#{around.R:x2}{around.G:x2}{around.B:x2}") >= 3, $"{band}: {colour} on {around}");
            }
        }
    }

    [Fact]
    public async Task In_the_light_theme_the_list_keeps_the_light_colours()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 3, 50, 120));

        var page = RenderPage(patient);

        var swatch = page.Find("[data-testid=ranges-goals] [data-band=VeryLow] .band-swatch").GetAttribute("style")!;
        Assert.Contains(ReviewChartOptions.ColorOf(GlucoseBand.VeryLow), swatch);
    }

    // WCAG 2 contrast ratio of two #rrggbb colours.
    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            static double Channel(int v) { var c = v / 255.0; return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4); }
            var h = hex.TrimStart('#');
            return 0.2126 * Channel(Convert.ToInt32(h[0..2], 16)) + 0.7152 * Channel(Convert.ToInt32(h[2..4], 16)) + 0.0722 * Channel(Convert.ToInt32(h[4..6], 16));
        }
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
