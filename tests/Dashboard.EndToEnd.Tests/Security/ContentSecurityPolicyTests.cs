using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Security;

/// <summary>
/// Issue #18 row 15 in the browser: under the app's Content Security Policy the console's pages, the interactive
/// circuit and the ApexCharts charts still work in Chromium, and the browser reports no violation.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    private const string CollectViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public Task Console_pages_and_charts_render_under_the_policy_with_no_violation() => InBrowserAsync(async page =>
    {
        var userId = await AddPatientWithReadingsAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) console.Add(message.Text);
        };
        await page.AddInitScriptAsync(CollectViolations);

        var response = await page.GotoAsync("/link?token=lt_not-a-real-token");
        Assert.Contains("script-src 'self' 'nonce-", response!.Headers["content-security-policy"]);

        await page.SignInAsync(SeededPeople.Admin, $"/patients/{userId}/review");
        var agp = page.GetByTestId("agp");
        await Assertions.Expect(agp.Locator("[data-chart=agp] svg.apexcharts-svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("time-in-ranges").Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        // The circuit is live: a toolbar click re-renders the figures.
        await page.GetByTestId("review-toolbar").GetByText("mmol/L", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("glucose-review")).ToHaveAttributeAsync("data-unit", "mmol/L");
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));

        foreach (var path in (string[])["/", "/patients", $"/patients/{userId}"])
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
        }
        Assert.Empty(console);
    });

    private async Task<Guid> AddPatientWithReadingsAsync()
    {
        using var api = new HttpClient { BaseAddress = App.BaseAddress };
        api.DefaultRequestHeaders.Add("x-vital-api-key", "dev_sandbox_us_key");
        var response = await api.PostAsJsonAsync("/v2/user", new { client_user_id = "csp-e2e-" + Guid.NewGuid().ToString("N")[..8] });
        response.EnsureSuccessStatusCode();
        var userId = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!);
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);
        await App.Services.GetRequiredService<ReadingWriter>().WriteAsync(userId, null, DataSources.CsvImport,
            [.. Enumerable.Range(0, 14 * 96).Select(i => new ReadingInput(start.AddMinutes(15 * i), ReadingKind.Automatic, 150 + 60 * Math.Sin(i / 15.0), GlucoseUnit.MgPerDl))], []);
        return userId;
    }
}
