using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Xunit.Abstractions;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The app with a <see cref="StoreCallCounter"/> on its store.</summary>
public sealed class CountingApiFactory : ApiFactory
{
    public StoreCallCounter Counter => Services.GetRequiredService<StoreCallCounter>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<StoreCallCounter>();
            services.ConfigureDbContext<DashboardDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<StoreCallCounter>()), ServiceLifetime.Singleton);
        });
    }
}

/// <summary>
/// What the burst-tested API calls (docs/performance.md, "API bursts") cost the store, per request: commits (each an
/// fsync under synchronous=FULL and a turn at SQLite's single write lock) and commands. These are the figures that
/// bound the calls' throughput on two cores, so a change that adds a commit or a round trip fails here first.
/// </summary>
public sealed class ApiRequestCostTests(CountingApiFactory factory, ITestOutputHelper output) : IClassFixture<CountingApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);

    private async Task<(HttpResponseMessage Response, StoreCalls Calls)> CountAsync(HttpRequestMessage request)
    {
        var name = Guid.NewGuid().ToString("N");
        request.Headers.Add(StoreCallCounter.Header, name);
        var response = await _us.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        var calls = factory.Counter.Of(name);
        output.WriteLine($"{request.Method} {request.RequestUri}: {calls}\n");
        return (response, calls);
    }

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private async Task<string> NewUserAsync()
    {
        var (response, _) = await CountAsync(Post("/v2/user", new { client_user_id = "cost-" + Guid.NewGuid().ToString("N") }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!;
    }

    // Every test first makes a call with the key, so the key is one this instance has verified (VerifiedApiKeys) and its
    // last-used time, written at most once a minute, is not the measured request's cost.

    [Fact]
    public async Task Creating_a_user_commits_once_after_one_query()
    {
        await NewUserAsync();

        var (response, calls) = await CountAsync(Post("/v2/user", new { client_user_id = "cost-" + Guid.NewGuid().ToString("N") }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, calls.Commits);
        Assert.Equal(1, calls.Queries); // is the client_user_id taken (the unique index still decides a race)
        Assert.Equal(2, calls.Commands.Count);
    }

    [Fact]
    public async Task Minting_a_link_token_commits_once_after_one_query()
    {
        var userId = await NewUserAsync();

        var (response, calls) = await CountAsync(Post("/v2/link/token", new { user_id = userId }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, calls.Commits);
        Assert.Equal(1, calls.Queries); // is the user the team's
        Assert.Equal(2, calls.Commands.Count);
    }

    [Fact]
    public async Task Reading_a_user_or_its_glucose_is_two_queries_and_commits_nothing()
    {
        var userId = await NewUserAsync();
        (await _us.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = userId, provider = "freestyle_libre" })).EnsureSuccessStatusCode();
        var end = DateTime.UtcNow.Date.AddDays(1);

        var (user, userCalls) = await CountAsync(new HttpRequestMessage(HttpMethod.Get, $"/v2/user/{userId}"));
        var (glucose, glucoseCalls) = await CountAsync(new HttpRequestMessage(HttpMethod.Get,
            $"/v2/timeseries/{userId}/glucose?start_date={end.AddDays(-14):yyyy-MM-dd}&end_date={end:yyyy-MM-dd}"));

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, glucose.StatusCode);
        Assert.Equal(0, userCalls.Commits);
        Assert.Equal(0, glucoseCalls.Commits);
        Assert.Equal(2, userCalls.Queries); // the user, its connections
        Assert.Equal(2, glucoseCalls.Queries); // is the user the team's, the readings' five columns
        Assert.Equal(2, userCalls.Commands.Count);
        Assert.Equal(2, glucoseCalls.Commands.Count);
    }
}
