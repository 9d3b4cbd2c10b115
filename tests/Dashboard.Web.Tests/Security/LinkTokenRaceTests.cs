using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Events;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue #18 row 7: a single-use link token used ten times at once links once, raises one event, and refuses the rest.</summary>
public sealed class LinkTokenRaceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Ten_parallel_uses_of_one_token_give_one_success_and_nine_token_consumed()
    {
        var email = $"race{Guid.NewGuid().ToString("N")[..10]}@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "us", Mfa = MfaMethods.None });
        var api = factory.ClientFor(ApiFactory.SandboxUsKey);
        var user = await (await api.PostAsJsonAsync("/v2/user", new { client_user_id = "race-" + Guid.NewGuid().ToString("N")[..8] })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = Guid.Parse(user.GetProperty("user_id").GetString()!);
        var token = (await (await api.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("link_token").GetString()!;

        using var start = new SemaphoreSlim(0);
        var uses = Enumerable.Range(0, 10).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
            {
                Content = JsonContent.Create(new { username = email, password = ApiFactory.PatientPassword }),
            };
            request.Headers.Add("x-vital-link-token", token);
            await start.WaitAsync();
            var response = await factory.AnonymousClient().SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.GetProperty("state").GetString() == "success" ? "success" : root.GetProperty("error_type").GetString()!;
        }).ToList();
        start.Release(10);
        var outcomes = await Task.WhenAll(uses);

        Assert.Equal(1, outcomes.Count(o => o == "success"));
        Assert.Equal(9, outcomes.Count(o => o == "token_consumed"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        Assert.Equal(1, await db.Events.CountAsync(e => e.UserId == userId && e.EventType == EventTypes.ConnectionCreated));
        Assert.Equal(1, await db.Connections.CountAsync(c => c.UserId == userId));
    }
}
