using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The link flows of DESIGN §4 through the API, against the simulator over loopback HTTP.</summary>
public sealed class LinkingApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);
    private SimulatorState Sim => factory.Simulator.State;

    private async Task<(string UserId, string Token)> NewUserWithTokenAsync(HttpClient client, string? provider = null)
    {
        var user = await (await client.PostAsJsonAsync("/v2/user", new { client_user_id = "p-" + Guid.NewGuid().ToString("N")[..10] }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var userId = user.GetProperty("user_id").GetString()!;
        return (userId, await TokenForAsync(client, userId, provider));
    }

    private static async Task<string> TokenForAsync(HttpClient client, string userId, string? provider = null)
    {
        var token = await (await client.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return token.GetProperty("link_token").GetString()!;
    }

    private async Task<JsonElement> PostLinkAsync(string path, string token, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-vital-link-token", token);
        var response = await factory.AnonymousClient().SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<JsonElement> PasswordAsync(string token, string email, string password = ApiFactory.PatientPassword) =>
        PostLinkAsync("/v2/link/provider/password/abbott_libreview", token, new { username = email, password });

    private Task<JsonElement> MfaAsync(string token, string code) =>
        PostLinkAsync("/v2/link/provider/password/abbott_libreview/complete_mfa", token, new { mfa_code = code });

    private static string NewEmail() => $"p{Guid.NewGuid().ToString("N")[..12]}@example.org";

    private string NewPatient(string region = "us", string mfa = MfaMethods.Email)
    {
        var email = NewEmail();
        Sim.CreateAccount(new AccountSeed { Email = email, Password = ApiFactory.PatientPassword, Region = region, Mfa = mfa });
        return email;
    }

    [Fact]
    public async Task Password_link_with_redirect_and_mfa_connects_in_the_home_region()
    {
        var (userId, token) = await NewUserWithTokenAsync(_eu);

        var pending = await PasswordAsync(token, "patient.eu@example.org");
        Assert.Equal("pending_provider_mfa", pending.GetProperty("state").GetString());
        Assert.Equal("email", pending.GetProperty("provider_mfa").GetProperty("method").GetString());
        Assert.Contains("***", pending.GetProperty("provider_mfa").GetProperty("hint").GetString());
        Assert.False(pending.GetProperty("connected").GetBoolean());

        var done = await MfaAsync(token, Sim.LastMfaCode("patient.eu@example.org")!);
        Assert.Equal("success", done.GetProperty("state").GetString());
        Assert.True(done.GetProperty("connected").GetBoolean());

        var providers = await _eu.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}");
        var connection = Assert.Single(providers.GetProperty("providers").EnumerateArray());
        Assert.Equal("abbott_libreview", connection.GetProperty("slug").GetString());
        Assert.Equal("connected", connection.GetProperty("status").GetString());
        Assert.Equal("de", connection.GetProperty("region").GetString());
        Assert.Equal("available", connection.GetProperty("resource_availability").GetProperty("glucose").GetProperty("status").GetString());
        Assert.Equal(1, await CountEventsAsync(Guid.Parse(userId), "provider.connection.created"));
    }

    [Theory]
    [InlineData("gb")]
    [InlineData("us")]
    public async Task A_junction_region_is_only_a_hint_and_the_login_still_finds_the_home_region(string region)
    {
        var email = NewPatient(region: "de");
        var (userId, token) = await NewUserWithTokenAsync(_eu);

        var pending = await PostLinkAsync("/v2/link/provider/password/abbott_libreview", token,
            new { username = email, password = ApiFactory.PatientPassword, region });
        Assert.Equal("pending_provider_mfa", pending.GetProperty("state").GetString());
        var done = await MfaAsync(token, Sim.LastMfaCode(email)!);

        Assert.Equal("success", done.GetProperty("state").GetString());
        var connection = Assert.Single((await _eu.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}")).GetProperty("providers").EnumerateArray());
        Assert.Equal("de", connection.GetProperty("region").GetString());
    }

    [Fact]
    public async Task A_wrong_mfa_code_can_be_retried_on_the_same_token()
    {
        var email = NewPatient();
        var (userId, token) = await NewUserWithTokenAsync(_us);
        await PasswordAsync(token, email);

        var wrong = await MfaAsync(token, "000000" == Sim.LastMfaCode(email) ? "111111" : "000000");
        Assert.Equal("error", wrong.GetProperty("state").GetString());
        Assert.Equal("incorrect_mfa_code", wrong.GetProperty("error_type").GetString());

        var right = await MfaAsync(token, Sim.LastMfaCode(email)!);
        Assert.Equal("success", right.GetProperty("state").GetString());
        Assert.Equal(1, await CountConnectionsAsync(Guid.Parse(userId)));
    }

    [Fact]
    public async Task The_token_is_single_use()
    {
        var email = NewPatient(mfa: MfaMethods.None);
        var (_, token) = await NewUserWithTokenAsync(_us);
        Assert.Equal("success", (await PasswordAsync(token, email)).GetProperty("state").GetString());

        var again = await PasswordAsync(token, email);

        Assert.Equal("token_consumed", again.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_a_credential_error_and_stores_no_connection()
    {
        var email = NewPatient();
        var (userId, token) = await NewUserWithTokenAsync(_us);

        var result = await PasswordAsync(token, email, "not-it");

        Assert.Equal("error", result.GetProperty("state").GetString());
        Assert.Equal("provider_credential_error", result.GetProperty("error_type").GetString());
        Assert.Equal(0, await CountConnectionsAsync(Guid.Parse(userId)));
    }

    [Fact]
    public async Task An_expired_password_is_reported_as_such()
    {
        var email = NewPatient();
        Sim.ExpirePassword(email);
        var (_, token) = await NewUserWithTokenAsync(_us);

        var result = await PasswordAsync(token, email);

        Assert.Equal("provider_password_expired", result.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task An_unknown_token_and_a_token_for_another_provider_are_refused()
    {
        Assert.Equal("invalid_token", (await PasswordAsync("lt_unknown", "patient.us@example.org")).GetProperty("error_type").GetString());

        var (_, token) = await NewUserWithTokenAsync(_us, provider: "freestyle_libre");
        Assert.Equal("invalid_token", (await PasswordAsync(token, "patient.us@example.org")).GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task The_same_libreview_account_on_another_user_of_the_team_is_a_duplicate()
    {
        var email = NewPatient(mfa: MfaMethods.None);
        var (_, first) = await NewUserWithTokenAsync(_us);
        Assert.Equal("success", (await PasswordAsync(first, email)).GetProperty("state").GetString());
        var (secondUser, second) = await NewUserWithTokenAsync(_us);

        var result = await PasswordAsync(second, email);

        Assert.Equal("duplicate_connection", result.GetProperty("error_type").GetString());
        Assert.Equal(0, await CountConnectionsAsync(Guid.Parse(secondUser)));
    }

    [Fact]
    public async Task Email_link_finds_a_patient_sharing_with_the_sandbox_practice()
    {
        var (userId, token) = await NewUserWithTokenAsync(_us);

        var result = await PostLinkAsync("/v2/link/provider/email/freestyle_libre", token, new { email = "shared.us@example.org", region = "us" });

        Assert.Equal("success", result.GetProperty("state").GetString());
        Assert.True(result.GetProperty("connected").GetBoolean());
        var providers = await _us.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}");
        var connection = Assert.Single(providers.GetProperty("providers").EnumerateArray());
        Assert.Equal("freestyle_libre", connection.GetProperty("slug").GetString());
        Assert.Equal("connected", connection.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Email_link_for_a_patient_not_sharing_yet_waits_in_user_not_found_and_names_the_practice()
    {
        var (userId, token) = await NewUserWithTokenAsync(_us);

        var result = await PostLinkAsync("/v2/link/provider/email/freestyle_libre", token, new { email = "patient.us@example.org" });

        // Not a link error in Junction's terms: the connection exists and waits; the words say which practice to add.
        Assert.Equal("success", result.GetProperty("state").GetString());
        Assert.False(result.GetProperty("connected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error_type").ValueKind);
        Assert.Contains("tryVital-sandbox", result.GetProperty("message").GetString());
        var providers = await _us.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}");
        var connection = Assert.Single(providers.GetProperty("providers").EnumerateArray());
        Assert.Equal("error", connection.GetProperty("status").GetString());
        Assert.Equal("user_not_found", connection.GetProperty("error_details").GetProperty("error_type").GetString());
    }

    [Theory]
    [InlineData("de")]
    [InlineData("gb")]
    public async Task Email_link_rejects_a_region_outside_the_teams_deployment(string region)
    {
        var (userId, token) = await NewUserWithTokenAsync(_us);

        var result = await PostLinkAsync("/v2/link/provider/email/freestyle_libre", token, new { email = "shared.us@example.org", region });

        Assert.Equal("unsupported_region", result.GetProperty("error_type").GetString());
        Assert.Equal(0, await CountConnectionsAsync(Guid.Parse(userId)));
    }

    [Fact]
    public async Task Malformed_link_requests_are_422_and_a_provider_of_another_kind_is_refused()
    {
        var (_, token) = await NewUserWithTokenAsync(_us);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/password/abbott_libreview")
        {
            Content = new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-vital-link-token", token);

        var response = await factory.AnonymousClient().SendAsync(request);
        var wrongProvider = await factory.AnonymousClient().PostAsJsonAsync("/v2/link/provider/password/freestyle_libre", new { username = "a", password = "b" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongProvider.StatusCode); // freestyle_libre is no password provider of Junction's
        var unknownRegion = await PostLinkAsync("/v2/link/provider/email/freestyle_libre", token, new { email = "x@example.org", region = "xx" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("region", unknownRegion.GetProperty("detail")[0].GetProperty("loc")[1].GetString());
    }

    [Fact]
    public async Task Another_teams_user_providers_are_a_404()
    {
        var (userId, _) = await NewUserWithTokenAsync(_us);

        Assert.Equal(HttpStatusCode.NotFound, (await _eu.GetAsync($"/v2/user/providers/{userId}")).StatusCode);
    }

    private async Task<int> CountConnectionsAsync(Guid userId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Connections.CountAsync(c => c.UserId == userId);
    }

    private async Task<int> CountEventsAsync(Guid userId, string type)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Events.CountAsync(e => e.UserId == userId && e.EventType == type);
    }
}
