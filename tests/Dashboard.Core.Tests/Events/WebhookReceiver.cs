using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Tests.Events;

/// <summary>One request as the receiver saw it: the raw body, the headers, and what it answered.</summary>
public sealed record ReceivedWebhook(string Body, IHeaderDictionary Headers, int AnsweredStatus)
{
    public string MessageId => Headers["webhook-id"].ToString();
    public bool Accepted => AnsweredStatus is >= 200 and < 300;
}

/// <summary>A real HTTP receiver on 127.0.0.1 (Kestrel, port chosen by the OS) that answers with <see cref="Status"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>What the next request gets; change it to take the receiver "down" and "up".</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

    /// <summary>How long the receiver thinks before it answers.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>A message id this receiver always answers 503, whatever <see cref="Status"/> says.</summary>
    public string? AlwaysRefuse { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public IReadOnlyList<string> AcceptedIds => Received.Where(r => r.Accepted).Select(r => r.MessageId).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            await Task.Delay(receiver!.Delay, request.HttpContext.RequestAborted);
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = request.Headers["webhook-id"] == receiver.AlwaysRefuse ? 503 : (int)receiver.Status;
            receiver._received.Enqueue(new ReceivedWebhook(body, new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value)), status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address.TrimEnd('/') + "/hooks");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
