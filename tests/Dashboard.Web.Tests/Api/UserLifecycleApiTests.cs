using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>Junction's user lifecycle: the whole user on create, paging, PATCH, soft delete with a 7-day grace and undo.</summary>
public sealed class UserLifecycleApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);

    private static string NewClientUserId() => "life-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v2/user", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Creating_answers_the_whole_user_with_the_fields_given()
    {
        var user = await CreateAsync(_us, new { client_user_id = NewClientUserId(), fallback_time_zone = "Europe/Berlin", ingestion_start = "2026-03-01" });

        Assert.True(Guid.TryParse(user.GetProperty("team_id").GetString(), out _));
        Assert.Equal(0, user.GetProperty("connected_sources").GetArrayLength());
        Assert.Equal("Europe/Berlin", user.GetProperty("fallback_time_zone").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("fallback_birth_date").ValueKind);
        Assert.Equal("2026-03-01", user.GetProperty("ingestion_start").GetString());
        Assert.EndsWith("+00:00", user.GetProperty("created_on").GetString());
    }

    [Fact]
    public async Task The_user_list_pages_by_offset_and_limit_within_the_team()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(_eu, new { client_user_id = NewClientUserId() });
        }
        var all = await _eu.GetFromJsonAsync<JsonElement>("/v2/user?limit=500");
        var total = all.GetProperty("total").GetInt32();

        var page = await _eu.GetFromJsonAsync<JsonElement>("/v2/user?offset=1&limit=2");

        Assert.Equal(total, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("users").GetArrayLength());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
        Assert.Equal(all.GetProperty("users")[1].GetProperty("user_id").GetString(), page.GetProperty("users")[0].GetProperty("user_id").GetString());
        Assert.DoesNotContain((await _us.GetFromJsonAsync<JsonElement>("/v2/user?limit=500")).GetProperty("users").EnumerateArray(),
            u => u.GetProperty("user_id").GetString() == page.GetProperty("users")[0].GetProperty("user_id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _eu.GetAsync("/v2/user?limit=501")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _eu.GetAsync("/v2/user?offset=abc")).StatusCode);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent_and_refuses_a_taken_client_user_id()
    {
        var taken = (await CreateAsync(_us, new { client_user_id = NewClientUserId() })).GetProperty("client_user_id").GetString();
        var user = await CreateAsync(_us, new { client_user_id = NewClientUserId(), fallback_time_zone = "Europe/London" });
        var id = user.GetProperty("user_id").GetString();
        var renamed = NewClientUserId();

        Assert.Equal(HttpStatusCode.NoContent, (await _us.PatchAsJsonAsync($"/v2/user/{id}", new { client_user_id = renamed, fallback_birth_date = "1975-05-06" })).StatusCode);
        var after = await _us.GetFromJsonAsync<JsonElement>($"/v2/user/{id}");
        Assert.Equal(renamed, after.GetProperty("client_user_id").GetString());
        Assert.Equal("Europe/London", after.GetProperty("fallback_time_zone").GetProperty("id").GetString());
        Assert.Equal("1975-05-06", after.GetProperty("fallback_birth_date").GetProperty("value").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await _us.PatchAsJsonAsync($"/v2/user/{id}", new { client_user_id = taken })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _us.PatchAsJsonAsync($"/v2/user/{id}", new { fallback_time_zone = "Nowhere/Land" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _us.PatchAsJsonAsync($"/v2/user/{id}", new { ingestion_end = "yesterday" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.PatchAsJsonAsync($"/v2/user/{id}", new { client_user_id = "x" })).StatusCode);
        Assert.Equal(renamed, (await _us.GetFromJsonAsync<JsonElement>($"/v2/user/{id}")).GetProperty("client_user_id").GetString());
    }

    [Fact]
    public async Task A_deleted_user_is_gone_until_undone_within_the_grace_and_holds_its_client_user_id()
    {
        var clientUserId = NewClientUserId();
        var id = (await CreateAsync(_us, new { client_user_id = clientUserId })).GetProperty("user_id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await _us.DeleteAsync($"/v2/user/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.GetAsync($"/v2/user/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.GetAsync($"/v2/user/resolve/{clientUserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.DeleteAsync($"/v2/user/{id}")).StatusCode);
        var again = await _us.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetProperty("user_id").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await _eu.PostAsync($"/v2/user/undo_delete?user_id={id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _us.PostAsync("/v2/user/undo_delete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _us.PostAsync($"/v2/user/undo_delete?client_user_id={clientUserId}", null)).StatusCode);
        Assert.Equal(clientUserId, (await _us.GetFromJsonAsync<JsonElement>($"/v2/user/{id}")).GetProperty("client_user_id").GetString());
    }

    [Fact]
    public async Task After_seven_days_a_deleted_user_is_purged_and_cannot_be_undone()
    {
        var clientUserId = NewClientUserId();
        var id = Guid.Parse((await CreateAsync(_us, new { client_user_id = clientUserId })).GetProperty("user_id").GetString()!);
        await _us.DeleteAsync($"/v2/user/{id}");
        await WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DeletedAt, DateTime.UtcNow - PatientDirectory.DeletionGrace - TimeSpan.FromMinutes(1))));

        Assert.Equal(HttpStatusCode.NotFound, (await _us.PostAsync($"/v2/user/undo_delete?user_id={id}", null)).StatusCode);

        Assert.False(await WithDbAsync(db => db.Users.IgnoreQueryFilters().AnyAsync(u => u.Id == id)));
        await CreateAsync(_us, new { client_user_id = clientUserId }); // the id is free again
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }
}
