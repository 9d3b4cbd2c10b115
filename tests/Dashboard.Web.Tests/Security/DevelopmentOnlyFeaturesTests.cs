using System.Net;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue #18 row 12: the development sign-in and the simulator (whose <c>/_sim</c> API reveals accounts and MFA codes) outside Development.</summary>
public sealed class DevelopmentOnlyFeaturesTests
{
    [Fact]
    public async Task Staging_with_both_settings_on_serves_neither_the_dev_sign_in_nor_the_simulator()
    {
        await using var app = new DeployedAppFactory(Environments.Staging, new Dictionary<string, string?>
        {
            ["DevIdentity:Enabled"] = "true",
            ["DevIdentity:Users:0:Email"] = "admin@example.org",
            ["DevIdentity:Users:0:Password"] = "Admin-Passw0rd!",
            ["DevIdentity:Users:0:Role"] = "admin",
            ["LibreViewSimulator:Enabled"] = "true",
            ["LibreViewSimulator:Accounts:0:Email"] = "patient.us@example.org",
            ["LibreViewSimulator:Accounts:0:Password"] = "Libre-Passw0rd!",
            ["LibreViewSimulator:Accounts:0:Region"] = "us",
        });
        var browser = app.Browser();

        foreach (var path in (string[])["/connect/signin", "/connect/authorize", "/_libreview/_sim/accounts", "/_libreview/_sim/mfa/patient.us@example.org"])
        {
            var response = await browser.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            // Not served: like any unknown page it needs a console sign-in at the configured provider.
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
            Assert.StartsWith(DeployedAppFactory.ProviderAuthorize, response.Headers.Location!.AbsoluteUri);
            Assert.DoesNotContain("patient.us@example.org", body);
        }
    }
}
