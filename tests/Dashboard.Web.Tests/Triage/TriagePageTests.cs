using System.Security.Claims;
using Bunit;
using Dashboard.Web.Access;
using Dashboard.Web.Components.Pages.Triage;
using Dashboard.Web.Tests.Review;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Triage;

/// <summary>The triage page on a real store: flags filter the rows and live in the URL, the order is most urgent first.</summary>
public sealed class TriagePageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public TriagePageTests()
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

    private static List<string> Users(IRenderedComponent<TriagePage> page) =>
        [.. page.FindAll("[data-testid=triage-row]").Select(r => r.GetAttribute("data-user")!)];

    [Fact]
    public async Task The_low_flag_filters_the_rows_and_is_kept_in_the_url()
    {
        // 10 % of the time at 60 mg/dL (low), against a patient always at 120.
        var lows = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 120, 120, 120, 120, 120, 120, 120));
        var steady = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 120));
        var page = RenderAt("/triage");
        Assert.Contains(lows.ToString(), Users(page));
        Assert.Contains(steady.ToString(), Users(page));

        page.Find("[data-testid=flag-low]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.EndsWith("/triage?flags=low", navigation.Uri);
        page.WaitForAssertion(() => Assert.DoesNotContain(steady.ToString(), Users(page)));
        Assert.Contains(lows.ToString(), Users(page));
        var row = page.Find($"[data-user='{lows}']");
        Assert.Equal("10.0 %", row.QuerySelector("[data-col=low]")!.TextContent.Trim());
        Assert.Contains("Low > 4 %", row.QuerySelector("[data-col=flags]")!.TextContent);
        Assert.All(page.FindAll("[data-col=flags]"), cell => Assert.Contains("Low > 4 %", cell.TextContent));
        Assert.Equal("true", page.Find("[data-testid=flag-low]").GetAttribute("aria-pressed"));
        Assert.Equal($"/patients/{lows}/review?days=14", row.QuerySelector("[data-testid=triage-patient]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Flags_and_sort_are_read_from_the_url_and_two_flags_must_both_hold()
    {
        var lows = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 120, 120, 120, 120, 120, 120, 120));
        var veryLows = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 45, 60, 120, 120, 120, 120, 120, 120, 120, 120));

        var both = RenderAt("/triage?days=30&flags=low,very-low&sort=gri");

        Assert.Contains(veryLows.ToString(), Users(both));
        Assert.DoesNotContain(lows.ToString(), Users(both));
        Assert.Equal("true", both.Find("[data-testid=sort-gri]").GetAttribute("aria-pressed"));
        Assert.Equal("/triage/export.csv?days=30&flags=very-low,low&sort=gri", both.Find("[data-testid=triage-csv]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("de-DE", "Sehr niedrig", "Niedrig > 4 %", "10,0 %")]
    [InlineData("en-GB", "Very low", "Low > 4 %", "10.0 %")]
    public async Task The_triage_speaks_the_culture_and_writes_its_decimals(string culture, string column, string flag, string low)
    {
        // 10 % of the time at 60 mg/dL (low).
        var lows = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 120, 120, 120, 120, 120, 120, 120));

        await InCulture.RunAsync(culture, () =>
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

    [Fact]
    public async Task Headers_are_one_style_in_their_own_case_and_the_last_reading_is_one_compact_line()
    {
        var patient = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 60, 120, 120, 120));
        var page = RenderAt("/triage");

        var headers = page.FindAll("[data-testid=triage-table] thead th");
        // No MudBlazor buttons (upper case) beside plain headers: sortable ones are the patient list's sort-header buttons.
        Assert.Empty(page.FindAll("[data-testid=triage-table] thead .mud-button-root"));
        Assert.Equal(8, page.FindAll("[data-testid=triage-table] thead button.sort-header").Count);
        Assert.All(headers, th => Assert.NotNull(th.QuerySelector(".sort-header, .sort-header-static")));
        Assert.Equal("Very low", page.Find("[data-testid=sort-very-low]").TextContent.Trim());
        Assert.Equal("Last reading (device time)", page.Find("[data-testid=sort-last-reading]").TextContent.Trim());

        // The device time in the cell, without the label the header already gives (kept for screen readers and on hover).
        var cell = page.Find($"[data-testid=triage-row][data-user='{patient}'] [data-col=last-reading]");
        Assert.Contains("triage-table__time", cell.ClassList);
        var time = cell.QuerySelector(".device-time")!;
        Assert.Matches(@"^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$", time.ChildNodes[0].TextContent);
        Assert.Equal(" (device time)", time.QuerySelector(".visually-hidden")!.TextContent);
        Assert.NotNull(time.GetAttribute("title"));
    }
}
