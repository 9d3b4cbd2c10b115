using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 3: five wrong two-factor codes end a link token (the right code after them is refused), and the API
/// answers callers over their limit with a 429, <c>Retry-After</c> and Junction's envelope: per team API key, per link
/// token, and per source address for calls without a live key.
/// </summary>
public sealed class BruteForceLimitsTests
{
    private const string LinkPath = "/v2/link/provider/password/abbott_libreview";

    [Fact]
    public async Task A_link_token_dies_after_five_wrong_codes_and_refuses_the_right_one()
    {
        await using var factory = new ApiFactory();
        var email = $"mfa{Guid.NewGuid().ToString("N")[..10]}@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "us", Mfa = MfaMethods.Email });
        var api = factory.ClientFor(ApiFactory.SandboxUsKey);
        var token = await NewTokenAsync(api);

        var pending = await LinkCallAsync(factory, LinkPath, token, new { username = email, password = ApiFactory.PatientPassword });
        Assert.Equal("pending_provider_mfa", pending.GetProperty("state").GetString());
        var right = factory.Simulator.State.LastMfaCode(email)!;
        var wrong = right == "000000" ? "111111" : "000000";

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var answer = await LinkCallAsync(factory, LinkPath + "/complete_mfa", token, new { mfa_code = wrong });
            Assert.Equal("incorrect_mfa_code", answer.GetProperty("error_type").GetString());
        }
        var afterwards = await LinkCallAsync(factory, LinkPath + "/complete_mfa", token, new { mfa_code = right });

        Assert.Equal("error", afterwards.GetProperty("state").GetString());
        Assert.Equal("token_consumed", afterwards.GetProperty("error_type").GetString());
        Assert.Contains("wrong 5 times", afterwards.GetProperty("error").GetString());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var stored = await db.LinkTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).FirstAsync();
        Assert.NotNull(stored.ConsumedAt);
        Assert.Null(stored.PendingMfa); // the encrypted password of the pending login is gone with the token
        Assert.False(await db.Connections.AnyAsync(c => c.UserId == stored.UserId));
    }

    [Fact]
    public async Task Callers_over_their_limit_get_429_with_retry_after_in_the_envelope_each_in_their_own_window()
    {
        await using var factory = new TightLimitsFactory();
        var sandbox = factory.ClientFor(ApiFactory.SandboxUsKey);
        var production = factory.ClientFor(ApiFactory.ProductionEuKey);

        // Per API key: the sixth call of one key is refused; another key still has its own window.
        for (var i = 0; i < TightLimitsFactory.PerApiKey; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync("/v2/providers")).StatusCode);
        }
        await AssertRateLimitedAsync(await sandbox.GetAsync("/v2/providers"));
        Assert.Equal(HttpStatusCode.OK, (await production.GetAsync("/v2/providers")).StatusCode);

        // Per source address: random keys are anonymous callers, all counted against where they come from.
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < TightLimitsFactory.PerAddress + 1; i++)
        {
            var guesser = factory.AnonymousClient();
            guesser.DefaultRequestHeaders.Add("x-vital-api-key", "guess_" + Guid.NewGuid().ToString("N"));
            var response = await guesser.GetAsync("/v2/providers");
            guesses.Add(response.StatusCode);
            if (i == TightLimitsFactory.PerAddress) await AssertRateLimitedAsync(response);
        }
        Assert.All(guesses.Take(TightLimitsFactory.PerAddress), status => Assert.Equal(HttpStatusCode.Unauthorized, status));

        // Per link token: a live token has its own window, apart from the address and the team key.
        var token = await NewTokenAsync(production);
        for (var i = 0; i < TightLimitsFactory.PerLinkToken; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LinkRequestAsync(factory, token)).StatusCode);
        }
        await AssertRateLimitedAsync(await LinkRequestAsync(factory, token));
        Assert.Equal(HttpStatusCode.OK, (await LinkRequestAsync(factory, await NewTokenAsync(production))).StatusCode);
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter), 1, 600);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail");
        Assert.Equal("TOO_MANY_REQUESTS", detail.GetProperty("error_type").GetString());
        Assert.Contains("try again in", detail.GetProperty("error_message").GetString());
    }

    private static async Task<string> NewTokenAsync(HttpClient api)
    {
        var user = await (await api.PostAsJsonAsync("/v2/user", new { client_user_id = "bf-" + Guid.NewGuid().ToString("N")[..10] })).Content.ReadFromJsonAsync<JsonElement>();
        var issued = await api.PostAsJsonAsync("/v2/link/token", new { user_id = user.GetProperty("user_id").GetString() });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link_token").GetString()!;
    }

    private static Task<HttpResponseMessage> LinkRequestAsync(ApiFactory factory, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LinkPath + "/complete_mfa") { Content = JsonContent.Create(new { mfa_code = "123456" }) };
        request.Headers.Add("x-vital-link-token", token);
        return factory.AnonymousClient().SendAsync(request);
    }

    private static async Task<JsonElement> LinkCallAsync(ApiFactory factory, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-vital-link-token", token);
        var response = await factory.AnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The API test host with limits a test can reach in a few calls.</summary>
    private sealed class TightLimitsFactory : ApiFactory
    {
        public const int PerApiKey = 6, PerAddress = 4, PerLinkToken = 3;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:PerApiKey", PerApiKey.ToString());
            builder.UseSetting("RateLimits:PerAddress", PerAddress.ToString());
            builder.UseSetting("RateLimits:PerLinkToken", PerLinkToken.ToString());
            builder.UseSetting("RateLimits:Window", "00:10:00");
        }
    }
}
