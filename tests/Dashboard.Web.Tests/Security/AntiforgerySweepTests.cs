using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 6: a signed-in admin's browser, lured by another site, sends every state-changing request the console's
/// cookie authorises — without the antiforgery token. Every one is refused; with the page's token the same request is served.
/// </summary>
public sealed partial class AntiforgerySweepTests : IAsyncLifetime
{
    private readonly ApiFactory _app = new();
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseProxy = false, AllowAutoRedirect = true })
        {
            BaseAddress = _app.ClientOptions.BaseAddress,
        };
        await SignInAsync("admin@example.org", "Admin-Passw0rd!");
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Every_cookie_authorised_state_changing_endpoint_refuses_a_request_without_the_token()
    {
        var targets = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["POST"])
                .Where(m => m is not ("GET" or "HEAD" or "OPTIONS" or "TRACE"))
                .Select(method => (Method: method, Path: Concrete(e.RoutePattern.RawText ?? "/"))))
            .Distinct()
            .ToList();
        Assert.Contains(targets, t => t.Path.EndsWith("/reconnect-link", StringComparison.Ordinal));

        var accepted = new List<string>();
        foreach (var (method, path) in targets)
        {
            foreach (var body in new HttpContent?[] { null, Json("{}"), new FormUrlEncodedContent([]) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
                using var response = await _browser.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    accepted.Add($"{method} {path} ({body?.Headers.ContentType?.MediaType ?? "no body"}) → {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(accepted.Count == 0, "Served without an antiforgery token:\n" + string.Join("\n", accepted));

        // The same request with the token a console page hands out is served (no such patient: 404).
        var token = AntiforgeryField().Match(await _browser.GetStringAsync("/")).Groups[1].Value;
        Assert.NotEmpty(token);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/patients/{Guid.NewGuid()}/reconnect-link") { Content = Json("{}") };
        withToken.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(token));
        Assert.Equal(HttpStatusCode.NotFound, (await _browser.SendAsync(withToken)).StatusCode);
    }

    /// <summary>A URL for a route pattern: a fresh GUID for guid parameters, "x" for the others.</summary>
    private static string Concrete(string pattern) =>
        "/" + RouteParameter().Replace(pattern.TrimStart('/'), m => m.Value.Contains(":guid") ? Guid.NewGuid().ToString() : "x");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task SignInAsync(string email, string password)
    {
        var signIn = await _browser.GetStringAsync("/authentication/login?returnUrl=/");
        var fields = HiddenField().Matches(signIn).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["email"] = email;
        fields["password"] = password;
        var signedIn = await _browser.PostAsync("/connect/signin", new FormUrlEncodedContent(fields));
        Assert.True(signedIn.RequestMessage!.RequestUri!.AbsolutePath == "/", "sign-in ended at " + signedIn.RequestMessage.RequestUri);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
