using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Dashboard.EndToEnd.Tests.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Triage;

public sealed class TriageToPdfTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public Task A_reviewer_goes_from_triage_to_a_patients_PDF_in_three_clicks() => InBrowserAsync(async page =>
    {
        // A patient low 25 % of the time, so the "low > 4 %" filter has at least one row.
        var clientUserId = "triage-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);
        await AddPatientAsync(clientUserId, [.. Enumerable.Range(0, 14 * 96).Select(i =>
            new GlucoseReading(start.AddMinutes(15 * i), i % 4 == 0 ? 62 : 130, GlucoseUnit.MgPerDl))]);
        await page.SignInAsync(SeededPeople.Viewer, "/triage");
        await Assertions.Expect(page.GetByTestId("triage-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("triage-filters")).ToHaveAttributeAsync("data-interactive", "true"); // the circuit is live

        await page.GetByTestId("flag-low").ClickAsync(); // click 1

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/triage\\?flags=low$"));
        await Assertions.Expect(page.GetByTestId("flag-low")).ToHaveAttributeAsync("aria-pressed", "true");
        var rows = page.GetByTestId("triage-row");
        await Assertions.Expect(rows.Filter(new() { HasText = clientUserId })).ToHaveCountAsync(1);
        foreach (var flags in await page.Locator("[data-col=flags]").AllTextContentsAsync()) Assert.Contains("Low > 4 %", flags);
        var first = rows.First.GetByTestId("triage-patient");
        var firstClientUserId = (await first.TextContentAsync())!.Trim();

        await first.ClickAsync(); // click 2

        await Assertions.Expect(page.GetByTestId("glucose-review")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(firstClientUserId);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("agp-report-pdf").ClickAsync()); // click 3

        Assert.StartsWith($"agp-report-{firstClientUserId}", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        await download.SaveAsAsync(file);
        try
        {
            var ink = await RenderedPdf.InkPerPageAsync(file);
            Assert.Equal(await RenderedPdf.PageCountAsync(file), ink.Count);
            Assert.All(ink, share => Assert.InRange(share, 0.02, 0.9));
        }
        finally
        {
            File.Delete(file);
        }
    });

    private async Task AddPatientAsync(string clientUserId, GlucoseReading[] readings)
    {
        using var api = new HttpClient { BaseAddress = App.BaseAddress };
        api.DefaultRequestHeaders.Add("x-vital-api-key", "dev_sandbox_us_key");
        var response = await api.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });
        response.EnsureSuccessStatusCode();
        var userId = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!);
        await App.Services.GetRequiredService<ReadingWriter>().WriteAsync(userId, null, DataSources.CsvImport,
            [.. readings.Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit))], []);
    }
}
