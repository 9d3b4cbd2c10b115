using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LibreView.Client;
using LibreView.Simulator;
using LibreView.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LibreView.Tests.Hosting;

/// <summary>The simulator inside another app under a path base, seeded from configuration; and its control API over HTTP.</summary>
public class HostingTests
{
    private static readonly Dictionary<string, string?> Seeds = new()
    {
        ["LibreViewSimulator:Accounts:0:Email"] = "patient.eu@example.org",
        ["LibreViewSimulator:Accounts:0:Password"] = SimHarness.Password,
        ["LibreViewSimulator:Accounts:0:Region"] = "de",
        ["LibreViewSimulator:Accounts:0:Mfa"] = "email",
        ["LibreViewSimulator:Accounts:1:Email"] = "shared.us@example.org",
        ["LibreViewSimulator:Accounts:1:Password"] = SimHarness.Password,
        ["LibreViewSimulator:Accounts:2:Email"] = "careteam.us@example.org",
        ["LibreViewSimulator:Accounts:2:Password"] = SimHarness.Password,
        ["LibreViewSimulator:Accounts:2:Kind"] = "careTeam",
        ["LibreViewSimulator:Practices:0:PracticeId"] = "tryVital-sandbox",
        ["LibreViewSimulator:Practices:0:Region"] = "us",
        ["LibreViewSimulator:Practices:0:Members:0"] = "careteam.us@example.org",
        ["LibreViewSimulator:Shares:0:Patient"] = "shared.us@example.org",
        ["LibreViewSimulator:Shares:0:PracticeId"] = "tryVital-sandbox",
        ["LibreViewSimulator:Shares:0:Region"] = "us",
    };

    [Fact]
    public async Task Mapped_under_a_path_base_of_a_host_with_its_own_fallback_it_serves_login_mfa_and_practices()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(Seeds);
        builder.Services.AddLibreViewSimulator(builder.Configuration.GetSection("LibreViewSimulator"));
        await using var app = builder.Build();
        app.Map("/_libreview", branch => branch.UseLibreViewSimulator());
        app.MapFallback(() => "the host's own page");
        await app.StartAsync();
        var server = app.GetTestServer();

        var services = new ServiceCollection();
        services.AddLibreViewClient(o => o.BaseUrlTemplate = "http://localhost/_libreview/{region}")
            .ConfigurePrimaryHttpMessageHandler(() => server.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ILibreViewClient>();
        using var http = server.CreateClient();

        var mfa = await client.LoginAsync(new LibreViewCredentials("patient.eu@example.org", SimHarness.Password, "eu"), LoginPurpose.Interactive);
        Assert.Equal(LibreViewErrorKind.MfaRequired, mfa.Error?.Kind);
        var code = (await http.GetFromJsonAsync<JsonElement>("/_libreview/_sim/mfa/patient.eu@example.org")).GetProperty("code").GetString()!;
        var session = (await client.CompleteMfaAsync(mfa.Error!.Mfa!, code)).GetValueOrThrow();
        Assert.Equal("de", session.Region);

        var careMfa = await client.LoginAsync(new LibreViewCredentials("careteam.us@example.org", SimHarness.Password), LoginPurpose.Interactive);
        var careCode = (await http.GetFromJsonAsync<JsonElement>("/_libreview/_sim/mfa/careteam.us@example.org")).GetProperty("code").GetString()!;
        var care = (await client.CompleteMfaAsync(careMfa.Error!.Mfa!, careCode)).GetValueOrThrow();
        var found = (await client.FindPatientAsync(care, "shared.us@example.org", "tryvital-SANDBOX")).GetValueOrThrow();
        Assert.Equal("tryVital-sandbox", found.PracticeId);

        Assert.Equal("the host's own page", await http.GetStringAsync("/somewhere/else"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_libreview/nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_libreview/us/llu/connections")).StatusCode);
        var requests = await http.GetFromJsonAsync<JsonElement>("/_libreview/_sim/requests");
        Assert.Equal(2, requests.GetProperty("unlisted").GetInt32());
        Assert.Equal(2, requests.GetProperty("byEndpoint").GetProperty("POST /auth/continue/2fa/result").GetInt32());
    }

    [Fact]
    public async Task Control_api_creates_accounts_switches_mfa_injects_faults_and_resets()
    {
        await using var h = await SimHarness.StartAsync();

        var created = await h.Control.PostAsJsonAsync("/_sim/accounts", new
        {
            email = "curl@example.org", password = "Secret-1", region = "au", mfa = "sms", mfaTarget = "+61 400 000 987", sensor = "libre2",
            profile = "frequent_hypos", timeZone = "Australia/Sydney",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("libre2", view.GetProperty("sensor").GetString());
        Assert.Equal("mmol/L", view.GetProperty("unit").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await h.Control.PostAsJsonAsync("/_sim/accounts", new { email = "curl@example.org", password = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Control.PostAsJsonAsync("/_sim/accounts", new { email = "bad@example.org", password = "x", profile = "nope" })).StatusCode);

        var login = await h.Client.LoginAsync(new LibreViewCredentials("curl@example.org", "Secret-1"), LoginPurpose.Interactive);
        Assert.Equal(("au", "+61 *** *** 987"), (login.Error?.Mfa?.Region, login.Error?.Mfa?.Hint));

        (await h.Control.PostAsJsonAsync("/_sim/accounts/curl@example.org/mfa", new { method = "none" })).EnsureSuccessStatusCode();
        (await h.Control.PostAsJsonAsync("/_sim/accounts/curl@example.org/password", new { password = "Secret-2" })).EnsureSuccessStatusCode();
        Assert.True((await h.Client.LoginAsync(new LibreViewCredentials("curl@example.org", "Secret-2"), LoginPurpose.Interactive)).IsSuccess);

        (await h.Control.PutAsJsonAsync("/_sim/faults/au", new { serverErrorShare = 1.0 })).EnsureSuccessStatusCode();
        Assert.Equal(LibreViewErrorKind.ProviderApiError, (await h.Client.LoginAsync(new LibreViewCredentials("curl@example.org", "Secret-2"), LoginPurpose.Interactive)).Error?.Kind);
        (await h.Control.PutAsJsonAsync("/_sim/faults/au", new { block = "cloudflare403" })).EnsureSuccessStatusCode();
        Assert.Equal(LibreViewErrorKind.RegionBlocked, (await h.Client.LoginAsync(new LibreViewCredentials("curl@example.org", "Secret-2"), LoginPurpose.Interactive)).Error?.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Control.PutAsJsonAsync("/_sim/faults/au", new { block = "nope" })).StatusCode);
        (await h.Control.PutAsJsonAsync("/_sim/settings", new { requestsPerMinutePerAccount = 100 })).EnsureSuccessStatusCode();
        Assert.Equal(100, h.State.Settings.RequestsPerMinutePerAccount);

        (await h.Control.PostAsync("/_sim/reset", null)).EnsureSuccessStatusCode();
        Assert.Empty(await h.Control.GetFromJsonAsync<JsonElement[]>("/_sim/accounts") ?? []);
        Assert.Empty(h.State.Faults.All);
        Assert.Equal(300, h.State.Settings.RequestsPerMinutePerAccount);
    }
}
