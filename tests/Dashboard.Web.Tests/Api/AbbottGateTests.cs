using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>A factory of its own: these tests remove the organisation's only abbott_libreview connection.</summary>
public sealed class GateFactory : ApiFactory;

public sealed class AbbottGateTests(GateFactory factory) : IClassFixture<GateFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);

    private async Task<JsonElement> LinkAsync(string userId, string email)
    {
        var token = (await (await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("link_token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
        {
            Content = JsonContent.Create(new { username = email, password = ApiFactory.PatientPassword }),
        };
        request.Headers.Add("x-vital-link-token", token);
        return await (await factory.AnonymousClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> NewUserAsync() =>
        (await (await _us.PostAsJsonAsync("/v2/user", new { client_user_id = "g-" + Guid.NewGuid().ToString("N")[..10] }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!;

    [Fact]
    public async Task New_connections_are_refused_without_a_connected_one_but_a_relink_is_allowed()
    {
        var existingUser = Guid.Parse(await NewUserAsync());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            // The organisation's only connected abbott_libreview connection breaks; this user keeps an errored one.
            await db.Connections.Where(c => c.Provider == Providers.AbbottLibreView).ExecuteDeleteAsync();
            db.Connections.Add(new Connection
            {
                UserId = existingUser, Provider = Providers.AbbottLibreView, Status = ConnectionStatus.Error,
                ErrorType = "provider_password_expired", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var refused = await LinkAsync(await NewUserAsync(), "founding.us@example.org");
        Assert.Equal("error", refused.GetProperty("state").GetString());
        Assert.Equal("provider_api_error", refused.GetProperty("error_type").GetString()); // Junction's nearest link error type
        Assert.Contains("FreeStyle Libre", refused.GetProperty("error").GetString());

        var relinked = await LinkAsync(existingUser.ToString(), "founding.us@example.org");
        Assert.Equal("success", relinked.GetProperty("state").GetString());
        using var check = factory.Services.CreateScope();
        var connection = await check.ServiceProvider.GetRequiredService<DashboardDbContext>().Connections.SingleAsync(c => c.UserId == existingUser);
        Assert.Equal(ConnectionStatus.Connected, connection.Status);
        Assert.Null(connection.ErrorType);
    }
}
