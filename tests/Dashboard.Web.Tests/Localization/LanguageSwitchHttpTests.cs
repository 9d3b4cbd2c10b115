using System.Net;
using Dashboard.Web.Localization;
using Dashboard.Web.Tests.Security;

namespace Dashboard.Web.Tests.Localization;

/// <summary>
/// The language switch (<c>GET /culture</c>) over real HTTP on Kestrel, with a real sign-in: it writes the culture cookie
/// and goes back to the local page, the next request with that cookie renders the console in German, and an unknown
/// language or a redirect off the site is a 400 that writes no cookie.
/// </summary>
public sealed class LanguageSwitchHttpTests : IAsyncLifetime
{
    private readonly ConsoleSignInHost _host = new();

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Switching_to_German_sets_the_cookie_redirects_back_and_the_signed_in_console_renders_German()
    {
        using var browser = _host.Browser();
        var (signedIn, _) = await browser.SignInAsync("admin@example.org", "Admin-Passw0rd!", "/settings");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var english = WebUtility.HtmlDecode(await signedIn.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"en\"", english);
        Assert.Contains("Settings · Libre Connect Dashboard", english);

        var switched = await browser.Client.GetAsync("/culture?c=de&redirect=" + Uri.EscapeDataString("/settings?tab=1"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/settings?tab=1", switched.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), h => h.StartsWith(ConsoleCultures.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal("c=de|uic=de", Uri.UnescapeDataString(setCookie.Split(';')[0][(ConsoleCultures.CookieName.Length + 1)..]));
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(browser.Cookies.GetCookies(_host.Origin)[ConsoleCultures.CookieName]);

        var (german, visited) = await browser.FollowAsync(switched);

        Assert.Equal(HttpStatusCode.OK, german.StatusCode);
        Assert.Equal("/settings", Assert.Single(visited).AbsolutePath);
        var html = WebUtility.HtmlDecode(await german.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"de\"", html);
        Assert.Contains("<title>Einstellungen · Libre Connect Dashboard</title>", html);
        Assert.Contains(">Patienten<", html);
        Assert.DoesNotContain("Settings · Libre Connect Dashboard", html);
    }

    [Fact]
    public async Task Switching_back_to_English_replaces_the_cookie()
    {
        using var browser = _host.Browser();
        await browser.SignInAsync("admin@example.org", "Admin-Passw0rd!", "/settings");
        await browser.FollowAsync(await browser.Client.GetAsync("/culture?c=de&redirect=/settings"));

        var (english, _) = await browser.FollowAsync(await browser.Client.GetAsync("/culture?c=EN&redirect=/settings"));

        Assert.Equal("c=en|uic=en", Uri.UnescapeDataString(browser.Cookies.GetCookies(_host.Origin)[ConsoleCultures.CookieName]!.Value));
        var html = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("<title>Settings · Libre Connect Dashboard</title>", html);
    }

    [Theory]
    [InlineData("c=fr&redirect=/patients")]
    [InlineData("c=de-AT&redirect=/patients")]
    [InlineData("redirect=/patients")]
    [InlineData("c=de&redirect=https://evil.example/")]
    [InlineData("c=de&redirect=//evil.example")]
    [InlineData("c=de&redirect=%2F%2Fevil.example")]
    [InlineData("c=de&redirect=/%5Cevil.example")]
    [InlineData("c=de&redirect=%5C%5Cevil.example")]
    [InlineData("c=de&redirect=/%09/evil.example")]
    [InlineData("c=de&redirect=/patients%0D%0ASet-Cookie:%20x=1")]
    [InlineData("c=de&redirect=evil.example")]
    [InlineData("c=de")]
    public async Task An_unknown_language_or_a_redirect_off_the_site_is_a_400_and_sets_no_cookie(string query)
    {
        using var browser = _host.Browser();

        var response = await browser.Client.GetAsync("/culture?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(ConsoleCultures.CookieName + "=", StringComparison.Ordinal)),
            "no culture cookie on a refused switch");
        Assert.Null(browser.Cookies.GetCookies(_host.Origin)[ConsoleCultures.CookieName]);
    }
}
