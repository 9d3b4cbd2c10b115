using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 8: a team key acts only on its own team. The sandbox team's key tries every API operation on the
/// production team's user, connection, link token, data and practice binding (the same organisation): each is refused
/// as unknown, and nothing of the production team changes. The Org Management API takes no team key at all, and a
/// management key scoped to the sandbox environment cannot reach a production team.
/// </summary>
public sealed class CrossEnvironmentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _sandbox = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _production = factory.ClientFor(ApiFactory.ProductionEuKey);

    [Fact]
    public async Task The_sandbox_key_reaches_nothing_of_the_production_team()
    {
        var (userId, clientUserId, token) = await ProductionPatientAsync();
        var before = await SnapshotAsync(userId);
        var range = "start_date=2026-01-01&end_date=2026-12-01";

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("get user", () => _sandbox.GetAsync($"/v2/user/{userId}")),
            ("patch user", () => _sandbox.PatchAsJsonAsync($"/v2/user/{userId}", new { client_user_id = "taken-over", fallback_time_zone = "Europe/Paris" })),
            ("resolve user", () => _sandbox.GetAsync($"/v2/user/resolve/{clientUserId}")),
            ("deregister provider", () => _sandbox.DeleteAsync($"/v2/user/{userId}/abbott_libreview")),
            ("delete user", () => _sandbox.DeleteAsync($"/v2/user/{userId}")),
            ("undo delete", () => _sandbox.PostAsync($"/v2/user/undo_delete?user_id={userId}", null)),
            ("undo delete by client id", () => _sandbox.PostAsync($"/v2/user/undo_delete?client_user_id={clientUserId}", null)),
            ("link token for the user", () => _sandbox.PostAsJsonAsync("/v2/link/token", new { user_id = userId })),
            ("demo connection for the user", () => _sandbox.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" })),
            ("connections", () => _sandbox.GetAsync($"/v2/user/providers/{userId}")),
            ("glucose", () => _sandbox.GetAsync($"/v2/timeseries/{userId}/glucose?{range}")),
            ("glucose grouped", () => _sandbox.GetAsync($"/v2/timeseries/{userId}/glucose/grouped?{range}")),
            ("notes grouped", () => _sandbox.GetAsync($"/v2/timeseries/{userId}/note/grouped?{range}")),
            ("carbohydrates grouped", () => _sandbox.GetAsync($"/v2/timeseries/{userId}/carbohydrates/grouped?{range}")),
            ("insulin grouped", () => _sandbox.GetAsync($"/v2/timeseries/{userId}/insulin_injection/grouped?{range}")),
            ("refresh", () => _sandbox.PostAsync($"/v2/user/refresh/{userId}", null)),
        };
        foreach (var (what, call) in attempts)
        {
            var response = await call();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // Listings and look-ups that answer for the caller's own team show none of it.
        var users = await _sandbox.GetFromJsonAsync<JsonElement>("/v2/user?limit=500");
        Assert.DoesNotContain(users.GetProperty("users").EnumerateArray(), u => u.GetProperty("user_id").GetString() == userId.ToString());
        var pulls = await _sandbox.GetFromJsonAsync<JsonElement>($"/v2/introspect/historical_pull?user_id={userId}");
        Assert.Empty(pulls.GetProperty("data").EnumerateArray());
        var resources = await _sandbox.GetFromJsonAsync<JsonElement>($"/v2/introspect/resources?user_id={userId}");
        Assert.Empty(resources.GetProperty("data").EnumerateArray());
        var validity = await (await _sandbox.PostAsJsonAsync("/v2/link/token/isValid", new { token })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(validity.GetProperty("valid").GetBoolean());

        // The practice binding: a team key is no management key, and a sandbox-scoped management key has no production team.
        var organizationId = await OrganizationOfAsync(userId);
        var productionTeam = await TeamOfAsync(userId);
        var sandboxPath = $"/v1/org/{organizationId}/team_custom_credentials/sandbox/us";
        var productionPath = $"/v1/org/{organizationId}/team_custom_credentials/production/eu";
        var bind = new { team_id = productionTeam, provider = "freestyle_libre", client_id = "Hijacked-Practice" };
        foreach (var path in new[] { sandboxPath, productionPath })
        {
            var withTeamKey = factory.AnonymousClient();
            withTeamKey.DefaultRequestHeaders.Add("X-Management-Key", ApiFactory.SandboxUsKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await withTeamKey.PostAsJsonAsync(path, bind)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _sandbox.PostAsJsonAsync(path, bind)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _sandbox.DeleteAsync($"{path}?credential_id={Guid.NewGuid()}")).StatusCode);
        }
        var management = factory.AnonymousClient();
        management.DefaultRequestHeaders.Add("X-Management-Key", await IssueManagementKeyAsync(organizationId));
        Assert.Equal(HttpStatusCode.NotFound, (await management.PostAsJsonAsync(sandboxPath, bind)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.PostAsJsonAsync($"/v1/org/{organizationId}/prepare_team_custom_credentials/sandbox/us", new { team_id = productionTeam, provider = "freestyle_libre" })).StatusCode);
        var sandboxListing = await management.GetFromJsonAsync<JsonElement>($"{sandboxPath}?team_id={productionTeam}");
        Assert.Empty(sandboxListing.GetProperty("credentials").EnumerateArray());
        var deleted = await management.DeleteAsync($"{sandboxPath}?credential_id={Dashboard.Web.Api.OrgManagementEndpoints.CredentialId(productionTeam)}");
        Assert.Empty((await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").EnumerateArray());

        Assert.Equal(before, await SnapshotAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await _production.GetAsync($"/v2/user/{userId}")).StatusCode);
    }

    /// <summary>A production user with a connected LibreView account and a live link token.</summary>
    private async Task<(Guid UserId, string ClientUserId, string Token)> ProductionPatientAsync()
    {
        var clientUserId = "prod-" + Guid.NewGuid().ToString("N")[..10];
        var email = clientUserId + "@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = "de", Mfa = MfaMethods.None });
        var user = await (await _production.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = Guid.Parse(user.GetProperty("user_id").GetString()!);
        var linkToken = await TokenAsync(userId);
        using var link = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
        {
            Content = JsonContent.Create(new { username = email, password = ApiFactory.PatientPassword }),
        };
        link.Headers.Add("x-vital-link-token", linkToken);
        var linked = await (await factory.AnonymousClient().SendAsync(link)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(linked.GetProperty("connected").GetBoolean(), linked.ToString());
        await LinkedPatients.SyncUntilIdleAsync(factory);
        return (userId, clientUserId, await TokenAsync(userId));
    }

    private async Task<string> TokenAsync(Guid userId) =>
        (await (await _production.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>())
        .GetProperty("link_token").GetString()!;

    /// <summary>Everything of the production user and team a successful attack would change.</summary>
    private async Task<string> SnapshotAsync(Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var connections = await db.Connections.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Provider + ":" + c.Status).ToListAsync();
        var tokens = await db.LinkTokens.AsNoTracking().CountAsync(t => t.UserId == userId);
        var readings = await db.Readings.AsNoTracking().CountAsync(r => r.UserId == userId);
        var bindings = await db.TeamPracticeBindings.AsNoTracking().Where(b => b.TeamId == user.TeamId).Select(b => b.Provider + ":" + b.PracticeId).ToListAsync();
        return JsonSerializer.Serialize(new { user.ClientUserId, user.FallbackTimeZone, user.DeletedAt, connections, tokens, readings, bindings });
    }

    private async Task<Guid> TeamOfAsync(Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Users.Where(u => u.Id == userId).Select(u => u.TeamId).SingleAsync();
    }

    private async Task<Guid> OrganizationOfAsync(Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var teamId = await TeamOfAsync(userId);
        var team = await db.Teams.SingleAsync(t => t.Id == teamId);
        Assert.Equal(TeamEnvironment.Production, team.Environment);
        Assert.True(await db.Teams.AnyAsync(t => t.OrganizationId == team.OrganizationId && t.Environment == TeamEnvironment.Sandbox),
            "the sandbox key's team should be of the same organisation, or the test proves less");
        return team.OrganizationId;
    }

    private async Task<string> IssueManagementKeyAsync(Guid organizationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ManagementKeys>().IssueAsync(organizationId, "cross-environment test", new("tests", "admin", null));
        return issued!.Secret;
    }
}
