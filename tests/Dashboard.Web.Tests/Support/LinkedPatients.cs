using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Sync;
using LibreView.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Support;

/// <summary>A patient linked through the real flows (user, link token, password link) and synced by hand until idle.</summary>
public static class LinkedPatients
{
    /// <summary>A new user of <paramref name="team"/>'s team linked to a new no-MFA simulator patient, with the historical pull done.</summary>
    public static async Task<(string UserId, string Email)> LinkAndSyncAsync(ApiFactory factory, HttpClient team)
    {
        var email = $"p{Guid.NewGuid().ToString("N")[..12]}@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "us", Sensor = "libre2" });
        var user = await (await team.PostAsJsonAsync("/v2/user", new { client_user_id = email })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = user.GetProperty("user_id").GetString()!;
        var token = (await (await team.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider = "abbott_libreview" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link_token").GetString()!;
        using var link = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
        {
            Content = JsonContent.Create(new { username = email, password = ApiFactory.PatientPassword }),
        };
        link.Headers.Add("x-vital-link-token", token);
        var linked = await (await factory.AnonymousClient().SendAsync(link)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(linked.GetProperty("connected").GetBoolean(), linked.ToString());
        await SyncUntilIdleAsync(factory);
        return (userId, email);
    }

    public static async Task SyncUntilIdleAsync(ApiFactory factory)
    {
        var engine = factory.Services.GetRequiredService<SyncEngine>();
        while (await engine.RunOnceAsync() > 0)
        {
        }
    }
}
