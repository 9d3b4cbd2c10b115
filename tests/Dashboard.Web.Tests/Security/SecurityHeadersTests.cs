using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 15: browser protections on every response, and link URLs that start at the configured public address
/// whatever Host header the caller sends. (That the console and its charts work under this policy is checked in
/// Chromium: <c>Dashboard.EndToEnd.Tests.Security.ContentSecurityPolicyTests</c>.)
/// </summary>
public sealed partial class SecurityHeadersTests
{
    [Fact]
    public async Task Pages_carry_the_security_headers_and_link_urls_ignore_the_host_header()
    {
        await using var app = new DeployedAppFactory(Environments.Production, new Dictionary<string, string?>
        {
            ["Seed:DemoData"] = "true",
            ["Seed:TeamApiKeys:Sandbox US"] = "deployed_sandbox_key",
        });
        var browser = app.Browser();

        var page = await browser.GetAsync("/link?token=lt_not-a-real-token");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(policy, "script-src 'self' 'nonce-([^']+)'");
        Assert.True(nonce.Success, policy);
        Assert.DoesNotContain("unsafe-inline' ", policy.Split("script-src")[1].Split(';')[0] + " ");
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("form-action 'self'", policy);
        // The page's one inline script, the import map, carries this response's nonce.
        Assert.All(InlineScripts().Matches(html), script => Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", script.Value));
        Assert.NotEmpty(InlineScripts().Matches(html));

        var api = app.Browser();
        api.DefaultRequestHeaders.Add("x-vital-api-key", "deployed_sandbox_key");
        api.DefaultRequestHeaders.Host = "evil.example";
        var user = await api.PostAsJsonAsync("/v2/user", new { client_user_id = "host-header-patient" });
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString();
        var token = await api.PostAsJsonAsync("/v2/link/token", new { user_id = userId });
        var url = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link_web_url").GetString()!;

        Assert.StartsWith(DeployedAppFactory.PublicBaseUrl + "link?token=", url);
        Assert.DoesNotContain("evil.example", url);
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScripts();
}
