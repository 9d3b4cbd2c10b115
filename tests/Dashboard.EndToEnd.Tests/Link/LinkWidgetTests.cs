using Dashboard.EndToEnd.Tests.Infrastructure;
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

        await Assertions.Expect(page.GetByTestId("mfa-prompt")).ToContainTextAsync("***");
        await page.GetByLabel("Verification code").FillAsync(await api.LastMfaCodeAsync("patient.eu@example.org"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("link-success")).ToBeVisibleAsync();
        var providers = await api.ProvidersAsync(userId);
        var connection = providers.GetProperty("providers")[0];
        Assert.Equal("connected", connection.GetProperty("status").GetString());
        Assert.Equal("de", connection.GetProperty("region").GetString());
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
