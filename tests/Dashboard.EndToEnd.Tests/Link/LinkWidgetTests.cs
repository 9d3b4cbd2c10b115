using Dashboard.EndToEnd.Tests.Infrastructure;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Link;

public sealed class LinkWidgetTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public Task A_patient_links_libreview_with_a_two_factor_code_through_the_widget() => InBrowserAsync(async page =>
    {
        var api = new ConsoleApi(App, ConsoleApi.ProductionEuKey);
        var userId = await api.CreateUserAsync("widget-" + Guid.NewGuid().ToString("N")[..8]);
        await page.GotoAsync(await api.LinkWidgetUrlAsync(userId, "abbott_libreview"));

        await page.GetByLabel("LibreView email").FillAsync("patient.eu@example.org");
        await page.GetByLabel("LibreView password").FillAsync("Libre-Passw0rd!");
        await page.GetByLabel("LibreView password").PressAsync("Enter");

        // The sign-in behind this step is several LibreView round trips; 5 s was once not enough on a busy CI machine.
        await Assertions.Expect(page.GetByTestId("mfa-prompt")).ToContainTextAsync("***", new() { Timeout = 20_000 });
        await page.GetByLabel("Verification code").FillAsync(await api.LastMfaCodeAsync("patient.eu@example.org"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("link-success")).ToBeVisibleAsync();
        var providers = await api.ProvidersAsync(userId);
        var connection = providers.GetProperty("providers")[0];
        Assert.Equal("connected", connection.GetProperty("status").GetString());
        Assert.Equal("de", connection.GetProperty("region").GetString());
    });

    [Fact]
    public Task A_gb_patient_is_redirected_to_eu2_asks_for_the_code_again_and_links_with_it() => InBrowserAsync(async page =>
    {
        var api = new ConsoleApi(App, ConsoleApi.ProductionEuKey);
        var userId = await api.CreateUserAsync("widget-gb-" + Guid.NewGuid().ToString("N")[..8]);
        await page.GotoAsync(await api.LinkWidgetUrlAsync(userId, "abbott_libreview"));

        await page.GetByLabel("LibreView email").FillAsync("patient.gb@example.org");
        await page.GetByLabel("LibreView password").FillAsync("Libre-Passw0rd!");
        await page.GetByLabel("LibreView password").PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("mfa-prompt")).ToContainTextAsync("text message");
        await Assertions.Expect(page.GetByTestId("mfa-prompt")).ToContainTextAsync("+44 *** *** 123");
        var code = page.GetByLabel("Verification code");
        Assert.Equal("numeric", await code.GetAttributeAsync("inputmode"));
        Assert.Equal("one-time-code", await code.GetAttributeAsync("autocomplete"));
        await code.FillAsync("000000" == await api.LastMfaCodeAsync("patient.gb@example.org") ? "111111" : "000000");
        await code.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("link-error")).ToContainTextAsync("That code is not right");

        await page.GetByTestId("mfa-switch").ClickAsync(); // by e-mail instead
        await Assertions.Expect(page.GetByTestId("mfa-prompt")).ToContainTextAsync("email");
        await code.FillAsync(await api.LastMfaCodeAsync("patient.gb@example.org"));
        await code.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("link-success")).ToBeVisibleAsync();
        var connection = (await api.ProvidersAsync(userId)).GetProperty("providers")[0];
        Assert.Equal("connected", connection.GetProperty("status").GetString());
        Assert.Equal("eu2", connection.GetProperty("region").GetString());
    });

    [Fact]
    public Task A_freestyle_libre_link_finds_the_patient_on_the_third_dashboard_page() => InBrowserAsync(async page =>
    {
        var simulator = App.Services.GetRequiredService<SimulatorState>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            simulator.CreateAccount(new AccountSeed { Email = $"sharer{i}-{suffix}@example.org", Password = "Libre-Passw0rd!", Region = "us", FirstName = $"Aa{suffix}{i}" });
            simulator.AddShare(new ShareSeed { Patient = $"sharer{i}-{suffix}@example.org", PracticeId = "tryVital-sandbox", Region = "us" });
        }
        var dashboardPages = simulator.Requests.Of("POST /dashboard");
        var api = new ConsoleApi(App);
        var userId = await api.CreateUserAsync("widget-share-" + suffix);
        await page.GotoAsync(await api.LinkWidgetUrlAsync(userId, "freestyle_libre"));

        await page.GetByLabel("LibreView email").FillAsync($"sharer4-{suffix}@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("link-success")).ToBeVisibleAsync();
        var connection = (await api.ProvidersAsync(userId)).GetProperty("providers")[0];
        Assert.Equal("connected", connection.GetProperty("status").GetString());
        Assert.True(simulator.Requests.Of("POST /dashboard") - dashboardPages >= 3, "the patient is on the third page of two");
    });

    [Fact]
    public Task A_wrong_password_shows_a_plain_message_and_the_form_again() => InBrowserAsync(async page =>
    {
        var api = new ConsoleApi(App);
        var userId = await api.CreateUserAsync("widget-" + Guid.NewGuid().ToString("N")[..8]);
        await page.GotoAsync(await api.LinkWidgetUrlAsync(userId, "abbott_libreview"));

        await page.GetByLabel("LibreView email").FillAsync("patient.us@example.org");
        await page.GetByLabel("LibreView password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("link-error")).ToContainTextAsync("did not accept");
        await Assertions.Expect(page.GetByLabel("LibreView password")).ToBeVisibleAsync();
    });

    [Fact]
    public Task An_unknown_token_explains_what_to_do() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/link?token=lt_not-a-real-token");

        await Assertions.Expect(page.GetByTestId("link-invalid")).ToContainTextAsync("Ask your care team for a new link");
    });
}
