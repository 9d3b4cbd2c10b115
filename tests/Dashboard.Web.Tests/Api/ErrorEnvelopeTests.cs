using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>Junction's error envelope on every API path, whatever failed.</summary>
public sealed class ErrorEnvelopeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);

    [Theory]
    [InlineData("/v2/no_such_thing")]
    [InlineData("/v2/timeseries")]
    [InlineData("/v1/org")]
    public async Task An_unknown_api_path_is_a_json_404(string path)
    {
        var response = await _us.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail");
        Assert.Equal("NOT_FOUND", detail.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task An_unknown_user_id_is_a_json_404()
    {
        var response = await _us.GetAsync($"/v2/user/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetProperty("error_type").GetString());
    }

    [Theory]
    [InlineData("GET", "/v2/user/not-a-uuid")]
    [InlineData("GET", "/v2/user/providers/not-a-uuid")]
    [InlineData("DELETE", "/v2/user/not-a-uuid")]
    [InlineData("GET", "/v2/timeseries/not-a-uuid/glucose?start_date=2026-01-01")]
    public async Task A_malformed_uuid_is_a_422_naming_the_path_parameter(string method, string path)
    {
        var response = await _us.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").EnumerateArray());
        Assert.Equal(["path", "user_id"], error.GetProperty("loc").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("uuid_parsing", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_console_keeps_its_html_pages_beside_the_api()
    {
        var response = await factory.CreateClient().GetAsync("/not-found");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_method_the_path_does_not_take_is_a_json_405()
    {
        var response = await _us.PutAsJsonAsync("/v2/user", new { });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("detail", out _));
    }
}

/// <summary>An unhandled failure on an API path: a JSON 500 that says nothing of the code.</summary>
public sealed class ServerErrorEnvelopeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_failure_inside_the_api_is_a_json_500_without_a_stack_trace()
    {
        var client = factory.ClientFor(ApiFactory.SandboxUsKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/user")).StatusCode);
        using (var scope = factory.Services.CreateScope())
        {
            // The store loses a table under the running app, as a broken migration or a dropped database would.
            await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Database
                .ExecuteSqlRawAsync(StoreDatabase.IsPostgreSql ? "DROP TABLE \"Connections\" CASCADE" : "DROP TABLE \"Connections\"");
        }

        var response = await client.GetAsync("/v2/user");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("INTERNAL_ERROR", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetProperty("error_type").GetString());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
    }
}
