using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

public sealed class UserApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);

    private static string NewClientUserId() => "patient-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> CreateUserAsync(HttpClient client, string clientUserId)
    {
        var response = await client.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(clientUserId, json.GetProperty("client_user_id").GetString());
        return json.GetProperty("user_id").GetString()!;
    }

    [Fact]
    public async Task Creates_reads_resolves_and_deletes_a_user()
    {
        var clientUserId = NewClientUserId();
        var userId = await CreateUserAsync(_us, clientUserId);

        var byId = await _us.GetFromJsonAsync<JsonElement>($"/v2/user/{userId}");
        Assert.Equal(clientUserId, byId.GetProperty("client_user_id").GetString());
        Assert.Equal(0, byId.GetProperty("connected_sources").GetArrayLength());

        var resolved = await _us.GetFromJsonAsync<JsonElement>($"/v2/user/resolve/{clientUserId}");
        Assert.Equal(userId, resolved.GetProperty("user_id").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _us.DeleteAsync($"/v2/user/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.GetAsync($"/v2/user/{userId}")).StatusCode);
    }

    [Fact]
    public async Task A_duplicate_client_user_id_is_a_400_naming_the_existing_user_and_keeps_the_first()
    {
        var clientUserId = NewClientUserId();
        var first = await CreateUserAsync(_us, clientUserId);

        var response = await _us.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail");
        Assert.Equal("INVALID_REQUEST", detail.GetProperty("error_type").GetString());
        Assert.Equal(first, detail.GetProperty("user_id").GetString());
        Assert.True(DateTimeOffset.TryParse(detail.GetProperty("created_on").GetString(), out _));
        var resolved = await _us.GetFromJsonAsync<JsonElement>($"/v2/user/resolve/{clientUserId}");
        Assert.Equal(first, resolved.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task The_same_client_user_id_may_exist_in_another_team()
    {
        var clientUserId = NewClientUserId();
        await CreateUserAsync(_us, clientUserId);
        await CreateUserAsync(_eu, clientUserId);
    }

    [Fact]
    public async Task Another_teams_user_is_a_404()
    {
        var userId = await CreateUserAsync(_us, NewClientUserId());

        Assert.Equal(HttpStatusCode.NotFound, (await _eu.GetAsync($"/v2/user/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.DeleteAsync($"/v2/user/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _us.GetAsync($"/v2/user/{userId}")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_unknown_api_key_is_a_401_in_the_error_envelope(string? key)
    {
        using var client = factory.AnonymousClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-vital-api-key", key);
        }

        var response = await client.PostAsJsonAsync("/v2/user", new { client_user_id = NewClientUserId() });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail");
        Assert.Equal("UNAUTHORIZED", detail.GetProperty("error_type").GetString());
    }

    [Theory]
    [InlineData("{\"client_user_id\": ", "json_invalid", "body,client_user_id")]
    [InlineData("not json", "json_invalid", "body")]
    [InlineData("{}", "missing", "body,client_user_id")]
    [InlineData("{\"client_user_id\": \"\"}", "string_too_short", "body,client_user_id")]
    [InlineData("{\"client_user_id\": 42}", "type_error", "body,client_user_id")]
    [InlineData("{\"client_user_id\": \"x\", \"fallback_time_zone\": \"Mars/Base\"}", "value_error", "body,fallback_time_zone")]
    public async Task A_malformed_body_is_a_422_naming_the_field_and_stores_nothing(string body, string type, string loc)
    {
        var before = await CountUsersAsync();

        var response = await _us.PostAsync("/v2/user", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").EnumerateArray());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(loc, string.Join(",", error.GetProperty("loc").EnumerateArray().Select(l => l.ToString())));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("msg").GetString()));
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task Deregistering_a_provider_junction_does_not_know_is_a_422()
    {
        var userId = await CreateUserAsync(_us, NewClientUserId());

        var response = await _us.DeleteAsync($"/v2/user/{userId}/no_such_provider");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private async Task<int> CountUsersAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Dashboard.Core.Storage.DashboardDbContext>();
        return db.Users.IgnoreQueryFilters().Count();
    }
}
