using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Accessibility;

/// <summary>Each role reaches its work, and every page and state on the way passes axe (no serious or critical violation).</summary>
public sealed class AccessibilityTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public Task A_viewer_opens_a_patients_review_in_two_clicks_from_the_overview() => InBrowserAsync(async page =>
    {
        // Digits sort before the letters other tests' patients start with, so the row is on the first page.
        var clientUserId = "0000-viewer-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await AddPatientWithReadingsAsync(clientUserId);

        await page.SignInAsync(SeededPeople.Viewer, "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await page.ExpectNoSeriousViolationsAsync("Overview as a viewer");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Patients" }).ClickAsync();      // click 1
        var review = page.GetByRole(AriaRole.Link, new() { Name = $"Review: glucose review of {clientUserId}" });
        await Assertions.Expect(review).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("export-csv")).ToHaveCountAsync(0);
        await page.ExpectNoSeriousViolationsAsync("Patients as a viewer");

        await review.ClickAsync();                                                                                        // click 2
        await page.WaitForURLAsync($"**/patients/{userId}/review");
        await Assertions.Expect(page.GetByTestId("stat-mean")).Not.ToHaveTextAsync("");
        await page.ExpectNoSeriousViolationsAsync("Glucose review as a viewer");
    });

    [Fact]
    public Task Every_admin_page_passes_axe_in_the_light_and_the_dark_theme() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").WaitForAsync();
        await page.ExpectNoSeriousViolationsAsync("the development sign-in page");
        await page.SignInAsync(SeededPeople.Admin, "/");

        foreach (var dark in new[] { false, true })
        {
            foreach (var path in (string[])["/", "/patients", "/triage", "/events", "/practices", "/practice-accounts", "/audit", "/settings", "/settings/preferences"])
            {
                await page.GotoAsync(path);
                await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
                await Assertions.Expect(page.Locator("main")).ToHaveCountAsync(1);
                await page.ExpectNoSeriousViolationsAsync($"{path} as an admin, {(dark ? "dark" : "light")} theme");
            }
            if (!dark)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
            }
        }
    });

    private async Task<Guid> AddPatientWithReadingsAsync(string clientUserId)
    {
        using var api = new HttpClient { BaseAddress = App.BaseAddress };
        api.DefaultRequestHeaders.Add("x-vital-api-key", ConsoleApi.SandboxUsKey);
        var response = await api.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });
        response.EnsureSuccessStatusCode();
        var userId = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!);
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var readings = Enumerable.Range(0, 7 * 96)
            .Select(i => new ReadingInput(start.AddMinutes(15 * i), ReadingKind.Automatic, Math.Round(140 + 50 * Math.Sin(i / 15.0)), GlucoseUnit.MgPerDl))
            .ToList();
        await App.Services.GetRequiredService<ReadingWriter>().WriteAsync(userId, null, DataSources.CsvImport, readings, []);
        return userId;
    }
}
