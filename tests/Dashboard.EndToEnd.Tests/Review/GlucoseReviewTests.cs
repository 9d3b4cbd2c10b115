using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

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
