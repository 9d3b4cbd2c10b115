using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Authentication;

/// <summary>The real authorization code flow with PKCE over loopback HTTP, driven by HttpClient instead of a browser.</summary>
public sealed partial class SignInRoundTripTests(ConsoleAuthHost host) : IClassFixture<ConsoleAuthHost>, IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        CookieContainer = new CookieContainer(),
    })
    { BaseAddress = host.Origin };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Admin_signs_in_through_the_provider_and_gets_name_and_role()
    {
        var challenge = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal(new Uri(host.Origin, "/connect/authorize").AbsoluteUri, authorize.GetLeftPart(UriPartial.Path));
        Assert.Contains("client_id=dashboard-web", authorize.Query);
        Assert.Contains("code_challenge_method=S256", authorize.Query);

        var toSignIn = await client.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal("/connect/signin", Absolute(toSignIn.Headers.Location!).AbsolutePath);
        var form = await ReadSignInFormAsync(Absolute(toSignIn.Headers.Location!));

        var wrong = await client.PostAsync("/connect/signin", Form(form, "admin@example.org", "not-the-password"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", wrongPage);
        Assert.Contains("Wrong email or password.", wrongPage);

        form = ParseSignInForm(wrongPage);
        var (final, visited) = await FollowAsync(await client.PostAsync("/connect/signin", Form(form, "admin@example.org", ConsoleAuthHost.AdminPassword)));

        Assert.Contains(visited, uri => uri.AbsolutePath == "/signin-oidc" && uri.Query.Contains("code="));
        Assert.Equal("/whoami", visited[^1].AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        var me = await final.Content.ReadFromJsonAsync<WhoAmI>();
        Assert.Equal("Ada Admin", me!.Name);
        Assert.Equal(["admin"], me.Roles);
        Assert.True(me.IsAdmin);
    }

    [Fact]
    public async Task Logout_needs_the_antiforgery_token_and_ends_both_sessions()
    {
        await SignInAsync("admin@example.org", ConsoleAuthHost.AdminPassword);
        var antiforgery = (await client.GetFromJsonAsync<AntiforgeryField>("/antiforgery"))!;

        var forged = await client.PostAsync("/authentication/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/whoami")).StatusCode);

        var logout = await client.PostAsync("/authentication/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Name] = antiforgery.Token,
            ["returnUrl"] = "https://evil.example/after-logout",
        }));
        var (final, visited) = await FollowAsync(logout);

        Assert.Contains(visited, uri => uri.AbsolutePath == "/connect/endsession");
        var callback = visited.FindIndex(uri => uri.AbsolutePath == "/signout-callback-oidc");
        Assert.True(callback >= 0, string.Join(" -> ", visited));
        // The absolute return URL was cut to a local path; that path needs sign-in again, and so does the provider.
        Assert.Equal(new Uri(host.Origin, "/after-logout"), visited[callback + 1]);
        Assert.Equal("/connect/signin", visited[^1].AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task Userinfo_answers_for_the_access_token_the_console_received()
    {
        await SignInAsync("viewer@example.org", "viewer-test-password");
        var accessToken = await client.GetStringAsync("/access-token");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", accessToken);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {response.Headers} {await response.Content.ReadAsStringAsync()}");
        using var userinfo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("viewer@example.org", userinfo.RootElement.GetProperty("sub").GetString());
        Assert.Equal("Vic Viewer", userinfo.RootElement.GetProperty("name").GetString());
        Assert.Equal("viewer@example.org", userinfo.RootElement.GetProperty("email").GetString());
        Assert.Equal(["viewer"], userinfo.RootElement.GetProperty("role").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Discovery_document_lists_the_endpoints_at_the_hosts_own_origin()
    {
        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = discovery.RootElement;
        var origin = host.Origin.GetLeftPart(UriPartial.Authority);

        Assert.Equal(origin, root.GetProperty("issuer").GetString()!.TrimEnd('/'));
        Assert.Equal(origin + "/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(origin + "/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(origin + "/connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(origin + "/connect/endsession", root.GetProperty("end_session_endpoint").GetString());
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Provider_refuses_a_redirect_uri_that_is_not_loopback()
    {
        var response = await client.GetAsync("/connect/authorize?client_id=dashboard-web&response_type=code&scope=openid"
            + "&redirect_uri=" + Uri.EscapeDataString("https://evil.example/signin-oidc")
            + "&code_challenge=" + new string('a', 43) + "&code_challenge_method=S256");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Sign_in_page_keeps_only_local_return_urls()
    {
        var form = await ReadSignInFormAsync(new Uri(host.Origin, "/connect/signin?ReturnUrl=" + Uri.EscapeDataString("https://evil.example/")));
        Assert.Equal("/", form.ReturnUrl);

        var signedIn = await client.PostAsync("/connect/signin", Form(form, "admin@example.org", ConsoleAuthHost.AdminPassword));
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/patients?page=2", "/patients?page=2")]
    [InlineData("patients", "/patients")]
    [InlineData("https://evil.example/steal?x=1", "/steal?x=1")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    public void Logout_and_login_return_urls_stay_on_this_site(string? given, string expected) =>
        Assert.Equal(expected, Web.Authentication.LoginLogoutEndpoints.LocalReturnUrl(given));

    private async Task SignInAsync(string email, string password)
    {
        var (toSignIn, _) = await FollowAsync(await client.GetAsync("/whoami"));
        var form = ParseSignInForm(await toSignIn.Content.ReadAsStringAsync());
        var (final, _) = await FollowAsync(await client.PostAsync("/connect/signin", Form(form, email, password)));
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
    }

    /// <summary>Follows redirects with GET, as a browser would; returns the last response and every URI visited.</summary>
    private async Task<(HttpResponseMessage Final, List<Uri> Visited)> FollowAsync(HttpResponseMessage response)
    {
        var visited = new List<Uri>();
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            Assert.True(hops < 20, "Too many redirects: " + string.Join(" -> ", visited));
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            visited.Add(next);
            response = await client.GetAsync(next);
        }

        return (response, visited);
    }

    private Uri Absolute(Uri location) => new(host.Origin, location);

    private async Task<SignInForm> ReadSignInFormAsync(Uri page) => ParseSignInForm(await client.GetStringAsync(page));

    private static SignInForm ParseSignInForm(string html)
    {
        var token = AntiforgeryInput().Match(html);
        var returnUrl = ReturnUrlInput().Match(html);
        Assert.True(token.Success && returnUrl.Success, "Not the sign-in page: " + html);
        Assert.Contains("<label for=\"email\">", html);
        Assert.Contains("<label for=\"password\">", html);
        return new SignInForm(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value), WebUtility.HtmlDecode(returnUrl.Groups[1].Value));
    }

    private static FormUrlEncodedContent Form(SignInForm form, string email, string password) => new(new Dictionary<string, string>
    {
        [form.TokenName] = form.Token,
        ["returnUrl"] = form.ReturnUrl,
        ["email"] = email,
        ["password"] = password,
    });

    private sealed record SignInForm(string TokenName, string Token, string ReturnUrl);

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("<input type=\"hidden\" name=\"returnUrl\" value=\"([^\"]*)\">")]
    private static partial Regex ReturnUrlInput();
}
