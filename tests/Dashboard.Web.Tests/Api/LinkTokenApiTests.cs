using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

public sealed class LinkTokenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);

    private async Task<string> NewUserAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/v2/user", new { client_user_id = "p-" + Guid.NewGuid().ToString("N")[..10] });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!;
    }

    [Fact]
    public async Task Issues_a_token_with_a_widget_url_that_is_valid()
    {
        var userId = await NewUserAsync(_us);

        var response = await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider = "abbott_libreview" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = json.GetProperty("link_token").GetString()!;
        Assert.StartsWith("lt_", token);
        Assert.EndsWith("/link?token=" + Uri.EscapeDataString(token), json.GetProperty("link_web_url").GetString());

        var valid = await (await _us.PostAsJsonAsync("/v2/link/token/isValid", new { token })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(valid.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        var userId = await NewUserAsync(_us);
        var json = await (await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>();
        var token = json.GetProperty("link_token").GetString()!;

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Dashboard.Core.Storage.DashboardDbContext>();
        Assert.DoesNotContain(db.LinkTokens.AsEnumerable(), t => t.TokenHash.Contains(token) || token.Contains(t.TokenHash));
        Assert.Contains(db.LinkTokens.AsEnumerable(), t => t.TokenHash == Dashboard.Core.ApiKeys.SecretHash.Of(token));
    }

    [Fact]
    public async Task Another_teams_token_is_not_valid_for_this_team_and_another_teams_user_gets_no_token()
    {
        var userId = await NewUserAsync(_us);
        var json = await (await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId })).Content.ReadFromJsonAsync<JsonElement>();

        var check = await (await _eu.PostAsJsonAsync("/v2/link/token/isValid", new { token = json.GetProperty("link_token").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(check.GetProperty("valid").GetBoolean());

        var response = await _eu.PostAsJsonAsync("/v2/link/token", new { user_id = userId });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"user_id\": \"not-a-guid\"}")]
    public async Task A_malformed_request_is_a_422_naming_user_id(string body)
    {
        var response = await _us.PostAsync("/v2/link/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")[0];
        Assert.Equal("user_id", error.GetProperty("loc")[1].GetString());
    }

    [Theory]
    [InlineData("myapp://libre/done")]
    [InlineData("https://app.example.org/back?x=1")]
    public async Task A_redirect_url_may_be_any_absolute_url_including_an_apps_own_scheme(string redirect)
    {
        var userId = await NewUserAsync(_us);

        var response = await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId, redirect_url = redirect });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("javascript://x/%0Aalert(1)")]
    [InlineData("data://text/html,x")]
    public async Task A_script_redirect_url_is_refused(string redirect)
    {
        var userId = await NewUserAsync(_us);

        var response = await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId, redirect_url = redirect });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_provider_or_a_relative_redirect_is_a_400()
    {
        var userId = await NewUserAsync(_us);

        Assert.Equal(HttpStatusCode.BadRequest, (await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId, provider = "dexcom" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.PostAsJsonAsync("/v2/link/token", new { user_id = userId, redirect_url = "/done" })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_token_is_not_valid()
    {
        var check = await (await _us.PostAsJsonAsync("/v2/link/token/isValid", new { token = "lt_nope" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Equal("invalid_token", check.GetProperty("error_type").GetString());
    }
}
