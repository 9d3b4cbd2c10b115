using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.EndToEnd.Tests.Review;

public sealed class GlucoseReviewTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public Task A_viewer_sees_the_AGP_and_ranges_as_charts_and_switches_units() => InBrowserAsync(async page =>
    {
        var readings = FourteenDaysOfQuarterHours();
        var userId = await AddPatientAsync("review-e2e-" + Guid.NewGuid().ToString("N")[..8], readings);
        var mean = GlucoseMetricsCalculator.Compute(GlucoseSeries.From(readings), MetricsWindow.LastDays(14)).MeanMgdl;

        await page.SignInAsync(SeededPeople.Viewer, $"/patients/{userId}/review");

        var agp = page.GetByTestId("agp");
        await Assertions.Expect(agp.Locator("[data-chart=agp] svg.apexcharts-svg")).ToBeVisibleAsync();
        await Assertions.Expect(agp.Locator(".apexcharts-legend-text")).ToHaveTextAsync(["5–95 %", "25–75 %", "Median"]);
        var ranges = page.GetByTestId("time-in-ranges");
        await Assertions.Expect(ranges.Locator("[data-chart=time-in-ranges] svg.apexcharts-svg")).ToBeVisibleAsync();
        await Assertions.Expect(ranges.Locator(".apexcharts-legend-text")).ToHaveTextAsync(["Very high", "High", "Target range", "Low", "Very low"]);
        await Assertions.Expect(page.GetByTestId("stat-mean")).ToHaveTextAsync(GlucoseFormat.Glucose(mean, GlucoseUnit.MgPerDl));

        await page.GetByTestId("review-toolbar").GetByText("mmol/L", new() { Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("stat-mean")).ToHaveTextAsync(GlucoseFormat.Glucose(mean, GlucoseUnit.MmolPerL));
        await Assertions.Expect(page.GetByTestId("glucose-review")).ToHaveAttributeAsync("data-unit", "mmol/L");
        await Assertions.Expect(agp.Locator("[data-chart=agp] svg.apexcharts-svg")).ToBeVisibleAsync();
    });

    [Fact]
    public Task In_German_the_charts_write_decimal_commas() => InBrowserAsync(async page =>
    {
        var userId = await AddPatientAsync("review-de-e2e-" + Guid.NewGuid().ToString("N")[..8], FourteenDaysOfQuarterHours());
        await page.SignInAsync(SeededPeople.Viewer, $"/patients/{userId}/review");

        await page.GotoAsync($"/culture?c=de&redirect={Uri.EscapeDataString($"/patients/{userId}/review")}");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        var labels = page.Locator("[data-chart=time-in-ranges] .apexcharts-datalabel");
        // ApexCharts leaves the label of an empty band blank; the bands with time show their share.
        await Assertions.Expect(labels.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d") }).First)
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+,\d %$"));
        var texts = await labels.AllTextContentsAsync();
        Assert.All(texts.Where(t => t.Length > 0), t => Assert.Matches(@"^\d+,\d %$", t)); // "62,5 %", never "62.5 %"
    });

    /// <summary>
    /// The lowest contrast ratio (WCAG 2.x) between the computed colour (<c>fill</c> for SVG text and shapes, or the
    /// <c>stroke</c> of lines) of the elements matched and the first opaque background behind them.
    /// </summary>
    private const string LowestContrast = """
        ([selector, property]) => {
            const rgb = text => text.match(/[\d.]+/g).slice(0, 4).map(Number);
            const luminance = ([r, g, b]) => {
                const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
            };
            const background = element => {
                for (let e = element; e; e = e.parentElement) {
                    if (!(e instanceof HTMLElement)) continue;
                    const color = rgb(getComputedStyle(e).backgroundColor);
                    if (color.length < 4 || color[3] > 0.9) return color;
                }
                return [255, 255, 255];
            };
            const ratios = [...document.querySelectorAll(selector)].map(element => {
                const [a, b] = [luminance(rgb(getComputedStyle(element)[property])), luminance(background(element))];
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            });
            return ratios.length === 0 ? -1 : Math.min(...ratios);
        }
        """;

    [Fact]
    public Task In_the_dark_theme_chart_axes_legends_and_lines_are_readable_and_follow_a_live_theme_switch() => InBrowserAsync(async page =>
    {
        var userId = await AddPatientAsync("dark-e2e-" + Guid.NewGuid().ToString("N")[..8], FourteenDaysOfQuarterHours());
        await page.SignInAsync(SeededPeople.Viewer, $"/patients/{userId}/review");
        await Assertions.Expect(page.Locator("[data-chart=agp] .apexcharts-legend-text")).ToHaveCountAsync(3);
        var lightAxis = await page.EvaluateAsync<double>(LowestContrast, new[] { "[data-chart=agp] .apexcharts-yaxis-label, [data-chart=agp] .apexcharts-xaxis-label", "fill" });

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        // Redrawn in place with the dark theme's text colour (no reload).
        await Assertions.Expect(page.Locator("[data-chart=agp] .apexcharts-yaxis-title-text")).ToHaveCSSAsync("fill", "rgb(224, 224, 224)");

        // WCAG 1.4.3 for the text of axes and legends, 1.4.11 (3:1) for the lines and the daily tiles' line.
        // Each chart redraws on its own after the switch: wait until the chart has drawn what is measured.
        async Task<double> Contrast(string selector, string property)
        {
            await page.Locator(selector).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            return await page.EvaluateAsync<double>(LowestContrast, new[] { selector, property });
        }
        Assert.InRange(lightAxis, 4.5, 21);
        Assert.InRange(await Contrast("[data-chart=agp] .apexcharts-yaxis-label, [data-chart=agp] .apexcharts-xaxis-label", "fill"), 4.5, 21);
        Assert.InRange(await Contrast("[data-chart=agp] .apexcharts-yaxis-title-text", "fill"), 4.5, 21);
        Assert.InRange(await Contrast("[data-chart=agp] .apexcharts-legend-text", "color"), 4.5, 21);
        Assert.InRange(await Contrast("[data-chart=time-in-ranges] .apexcharts-legend-text", "color"), 4.5, 21);
        Assert.InRange(await Contrast("[data-chart=detail] .apexcharts-yaxis-label", "fill"), 4.5, 21);
        Assert.InRange(await Contrast("[data-chart=detail] .apexcharts-line-series path.apexcharts-line", "stroke"), 3, 21);
        Assert.InRange(await Contrast("[data-chart=agp] g.apexcharts-series[seriesName=Median] path", "stroke"), 3, 21);
        Assert.InRange(await Contrast("svg[data-chart=daily-profile] path", "stroke"), 3, 21);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-chart=agp] .apexcharts-yaxis-title-text")).ToHaveCSSAsync("fill", "rgb(66, 66, 66)");
    });

    [Fact]
    public Task A_viewer_downloads_the_AGP_report_PDF_and_every_page_has_content() => InBrowserAsync(async page =>
    {
        var clientUserId = "pdf-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await AddPatientAsync(clientUserId, FourteenDaysOfQuarterHours());
        await page.SignInAsync(SeededPeople.Viewer, $"/patients/{userId}/review");
        await Assertions.Expect(page.GetByTestId("stat-mean")).Not.ToHaveTextAsync("");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("agp-report-pdf").ClickAsync());

        Assert.Equal($"agp-report-{clientUserId}-20261101-20261114.pdf", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), download.SuggestedFilename);
        await download.SaveAsAsync(file);
        try
        {
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(file), 0, 5));
            var pages = await RenderedPdf.PageCountAsync(file);
            var ink = await RenderedPdf.InkPerPageAsync(file);
            Assert.Equal(2, pages); // the summary page and one page of 14 daily profiles
            Assert.Equal(pages, ink.Count);
            Assert.All(ink, share => Assert.InRange(share, 0.02, 0.9)); // drawn on, and not a black page either
        }
        finally
        {
            File.Delete(file);
        }
    });

    [Fact]
    public async Task The_PDF_is_not_served_without_sign_in()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

        var response = await anonymous.GetAsync($"/patients/{Guid.NewGuid()}/review/agp-report.pdf?days=14");

        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A day-long wave between about 90 and 210 mg/dL every 15 minutes for 14 days.</summary>
    private static GlucoseReading[] FourteenDaysOfQuarterHours()
    {
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return [.. Enumerable.Range(0, 14 * 96).Select(i =>
            new GlucoseReading(start.AddMinutes(15 * i), Math.Round(150 + 60 * Math.Sin(2 * Math.PI * i / 96.0) + (i % 7) * 3), GlucoseUnit.MgPerDl))];
    }

    private async Task<Guid> AddPatientAsync(string clientUserId, GlucoseReading[] readings)
    {
        using var api = new HttpClient { BaseAddress = App.BaseAddress };
        api.DefaultRequestHeaders.Add("x-vital-api-key", "dev_sandbox_us_key");
        var response = await api.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });
        response.EnsureSuccessStatusCode();
        var userId = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!);

        await App.Services.GetRequiredService<ReadingWriter>().WriteAsync(userId, null, DataSources.CsvImport,
            [.. readings.Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit))], []);
        return userId;
    }
}
