using System.Collections.Concurrent;
using System.Text;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>
/// With <c>Telemetry:OtlpEndpoint</c> set, the console exports its traces and metrics to an OTLP/HTTP collector: here a
/// real HTTP listener that keeps what it is sent, as a collector would receive it.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_and_metrics_of_LibreView_calls_and_requests_reach_the_configured_collector()
    {
        await using var collector = await Collector.StartAsync();
        using var api = new ApiFactory();
        await using var app = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("Telemetry:OtlpEndpoint", collector.Url);
            b.UseSetting("Telemetry:OtlpProtocol", "http");
        });
        // Starting the app signs the practice accounts in: LibreView calls. Then one API request.
        var answer = await app.CreateClient().GetAsync("/health");
        Assert.True(answer.IsSuccessStatusCode);

        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        var traces = collector.Posts("/v1/traces");
        Assert.NotEmpty(traces);
        Assert.All(traces, post => Assert.Equal("application/x-protobuf", post.ContentType));
        var traceText = string.Join("", traces.Select(p => Encoding.UTF8.GetString(p.Body)));
        Assert.Contains("libre-connect-dashboard", traceText); // the service name of the resource
        Assert.Contains("LibreView POST /auth/login", traceText); // a practice account's sign-in
        Assert.Contains("GET /health", traceText); // ASP.NET Core's request span
        var metricText = string.Join("", collector.Posts("/v1/metrics").Select(p => Encoding.UTF8.GetString(p.Body)));
        Assert.Contains("libreview.client.requests", metricText);
    }

    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _posts = new();

        private Collector(WebApplication app) => _app = app;

        public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public IReadOnlyList<(string Path, string? ContentType, byte[] Body)> Posts(string path) => [.. _posts.Where(p => p.Path == path)];

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/{signal}", async (HttpRequest request, string signal) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector._posts.Enqueue(("/v1/" + signal, request.ContentType, body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
