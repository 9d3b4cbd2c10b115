using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.SignIn;

public sealed class SignInTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    [Fact]
    public Task An_admin_signs_in_through_the_provider_sees_the_overview_and_signs_out() => InBrowserAsync(async page =>
    {
        await page.SignInAsync(SeededPeople.Admin);

        Assert.Equal(App.Url("/"), page.Url);
        await Assertions.Expect(page.GetByTestId("organization-names")).ToContainTextAsync("Demo Health");
        await Assertions.Expect(page.GetByTestId("count-teams")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Ada Admin");
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Both sessions ended: the console sends us to the provider, which asks for a password again.
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        Assert.Contains("/connect/", page.Url);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith(".Dashboard.Session", StringComparison.Ordinal));
    });

    [Fact]
    public Task A_viewer_opening_settings_gets_access_denied() => InBrowserAsync(async page =>
    {
        await page.SignInAsync(SeededPeople.Viewer, "/settings");

        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task An_anonymous_visit_is_sent_to_sign_in() => InBrowserAsync(async page =>
    {
        var response = await page.GotoAsync("/");

        Assert.NotNull(response);
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        Assert.StartsWith(App.Url("/connect/"), page.Url);
    });

    [Fact]
    public Task A_wrong_password_is_refused_with_a_message() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(SeededPeople.Support.Email);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.StartsWith(App.Url("/connect/"), page.Url);
    });
}
