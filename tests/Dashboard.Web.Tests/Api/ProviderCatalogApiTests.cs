using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>The providers as Junction lists them, their logo the app serves, and the sandbox demo connection.</summary>
public sealed class ProviderCatalogApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);

    [Fact]
    public async Task Providers_and_link_providers_name_both_libre_providers_with_a_logo_the_app_serves()
    {
        var providers = (await _us.GetFromJsonAsync<JsonElement[]>("/v2/providers"))!;
        var linkable = await factory.AnonymousClient().GetFromJsonAsync<JsonElement[]>("/v2/link/providers");

        Assert.Equal(["abbott_libreview", "freestyle_libre"], providers.Select(p => p.GetProperty("slug").GetString()).Order());
        Assert.Equal(["abbott_libreview", "freestyle_libre"], linkable!.Select(p => p.GetProperty("slug").GetString()).Order());
        Assert.Equal("email", providers.Single(p => p.GetProperty("slug").GetString() == "freestyle_libre").GetProperty("auth_type").GetString());
        var logo = new Uri(providers[0].GetProperty("logo").GetString()!);
        using var image = await factory.CreateClient().GetAsync(logo.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["freestyle_libre"], (await _us.GetFromJsonAsync<JsonElement[]>("/v2/providers?source_type=email"))!.Select(p => p.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task A_sandbox_demo_connection_brings_generated_glucose_and_a_production_team_is_refused()
    {
        var userId = await NewUserAsync(_us);

        var demo = await _us.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" });

        Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
        Assert.True((await demo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
        var day = DateTime.UtcNow.Date;
        var grouped = await _us.GetFromJsonAsync<JsonElement>($"/v2/timeseries/{userId}/glucose/grouped?start_date={day.AddDays(-3):yyyy-MM-dd}&end_date={day.AddDays(-1):yyyy-MM-dd}");
        var samples = grouped.GetProperty("groups").GetProperty("freestyle_libre")[0].GetProperty("data");
        Assert.InRange(samples.GetArrayLength(), 3 * 96, 3 * 96 + 60); // a reading every 15 minutes, and a few scans
        Assert.All(samples.EnumerateArray(), s => Assert.InRange(s.GetProperty("value").GetDouble(), 3.0, 15.0));
        var provider = Assert.Single((await _us.GetFromJsonAsync<JsonElement>($"/v2/user/providers/{userId}")).GetProperty("providers").EnumerateArray());
        Assert.Equal("connected", provider.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" })).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await _eu.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = await NewUserAsync(_eu), provider = "freestyle_libre" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = await NewUserAsync(_us), provider = "oura" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _us.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "garmin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" })).StatusCode);
    }

    [Fact]
    public async Task Grouped_glucose_pages_with_next_cursor_through_the_whole_window()
    {
        var userId = await NewUserAsync(_us);
        Assert.Equal(HttpStatusCode.OK, (await _us.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" })).StatusCode);
        var window = $"start_date={DateTime.UtcNow.Date.AddDays(-20):yyyy-MM-dd}";
        var all = (await _us.GetFromJsonAsync<JsonElement[]>($"/v2/timeseries/{userId}/glucose?{window}"))!;
        Assert.True(all.Length > Dashboard.Web.Api.TimeseriesEndpoints.GlucosePageSize, "the demo data spans more than one page");

        var paged = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _us.GetFromJsonAsync<JsonElement>($"/v2/timeseries/{userId}/glucose/grouped?{window}" + (cursor is null ? "" : $"&next_cursor={Uri.EscapeDataString(cursor)}"));
            var data = page.GetProperty("groups").GetProperty("freestyle_libre")[0].GetProperty("data").EnumerateArray().ToList();
            Assert.InRange(data.Count, 1, Dashboard.Web.Api.TimeseriesEndpoints.GlucosePageSize);
            paged.AddRange(data.Select(d => d.GetProperty("timestamp").GetString() + d.GetProperty("type").GetString()));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Null(cursor);
        Assert.Equal(all.Select(d => d.GetProperty("timestamp").GetString() + d.GetProperty("type").GetString()), paged);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _us.GetAsync($"/v2/timeseries/{userId}/glucose/grouped?{window}&next_cursor=bm90LWEtY3Vyc29y")).StatusCode);
    }

    private static async Task<string> NewUserAsync(HttpClient client) =>
        (await (await client.PostAsJsonAsync("/v2/user", new { client_user_id = "cat-" + Guid.NewGuid().ToString("N")[..8] }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!;
}
