using System.Globalization;
using System.Security.Claims;
using Bunit;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Access;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Pages.Review;
using Dashboard.Web.Components.Pages.Triage;
using Dashboard.Web.Tests.Review;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Localization;

/// <summary>Runs a test body under a culture (number and text) and restores the one it found, whatever happens.</summary>
internal static class Culture
{
    public static async Task InAsync(string name, Func<Task> body)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            await body();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}

/// <summary>The glucose review in German: German headings, statistics with a decimal comma; the same page in English keeps its point.</summary>
public sealed class GermanReviewRenderTests : BunitContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public GermanReviewRenderTests()
    {
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
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Teams.ExecuteUpdateAsync(t => t.SetProperty(x => x.DeploymentRegion, DeploymentRegion.Us));
        JSInterop.SetupModule(ApexChart.ModulePath);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
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
    public async Task In_German_the_headings_are_German_and_statistics_have_a_decimal_comma()
    {
        // 60, 120, 120, 200 mg/dL: mean 125 mg/dL, GMI 3.31 + 0.02392 × 125 = 6.3 %, 25 % low.
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 200));

        await Culture.InAsync("de-DE", () =>
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

        await Culture.InAsync("en-GB", () =>
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
}

/// <summary>The triage in German: German headings and flags, shares with a decimal comma; English keeps its point.</summary>
public sealed class GermanTriageRenderTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public GermanTriageRenderTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Vic Viewer");
        auth.SetConsoleRole("viewer");
        auth.SetClaims(new Claim("email", ReviewPatients.ViewerEmail));
    }

    public Task InitializeAsync() => _store.AddToAsync(Services, seedDemo: true, staffMember: ReviewPatients.ViewerEmail);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    private IRenderedComponent<TriagePage> RenderAt(string url)
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var page = Render<TriagePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=triage-table], [data-testid=triage-empty]")), TimeSpan.FromSeconds(10));
        return page;
    }

    [Theory]
    [InlineData("de-DE", "Sehr niedrig", "Niedrig > 4 %", "10,0 %")]
    [InlineData("en-GB", "Very low", "Low > 4 %", "10.0 %")]
    public async Task The_triage_speaks_the_culture_and_writes_its_decimals(string culture, string column, string flag, string low)
    {
        // 10 % of the time at 60 mg/dL (low).
        var lows = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 120, 120, 120, 120, 120, 120, 120));

        await Culture.InAsync(culture, () =>
        {
            var page = RenderAt("/triage?flags=low");

            Assert.Contains(column, page.Find("[data-testid=sort-very-low]").TextContent);
            Assert.Contains(flag, page.Find("[data-testid=flag-low]").TextContent);
            var row = page.Find($"[data-testid=triage-row][data-user='{lows}']");
            Assert.Equal(low, row.QuerySelector("[data-col=low]")!.TextContent.Trim());
            Assert.Contains(flag, row.QuerySelector("[data-col=flags]")!.TextContent);
            return Task.CompletedTask;
        });
    }
}
