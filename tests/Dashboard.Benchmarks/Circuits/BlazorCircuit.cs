using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>
/// One Blazor Server circuit driven without a browser, the way blazor.web.js drives it: fetch the prerendered page,
/// open the <c>_blazor</c> hub with the blazorpack protocol, start the circuit and add the page's root components
/// from their prerender markers, apply every render batch to a <see cref="RenderedDocument"/> and acknowledge it,
/// answer the server's JavaScript interop calls with empty results, and dispatch clicks and navigations. A load test
/// can then hold hundreds of circuits at a small fraction of a browser's cost.
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    private const string AttachRendererInterop = "Blazor._internal.attachWebRendererInterop";
    private const string NavigateTo = "Blazor._internal.navigationManager.navigateTo";
    private const int JSObjectReferenceResult = 1;

    private readonly HubConnection _hub;
    private readonly Uri _page;
    private readonly Lock _gate = new();
    private long _rendererObjectId = -1;
    private long _nextCallId;
    private long _nextJsObjectId = 1_000_000;
    private Waiter? _waiter;

    private BlazorCircuit(HubConnection hub, Uri page)
    {
        _hub = hub;
        _page = page;
    }

    public RenderedDocument Document { get; } = new();

    /// <summary>How often the server called each JavaScript function (for diagnosing what a page needs from a browser).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> InteropCalls { get; } = new();

    /// <summary>The last error the server sent (<c>JS.Error</c>), or a batch that could not be applied.</summary>
    public string? Error { get; private set; }

    /// <summary>Opens a circuit on <paramref name="page"/> with the signed-in session's cookies.</summary>
    public static async Task<BlazorCircuit> StartAsync(HttpClient http, CookieContainer cookies, Uri page, CancellationToken ct)
    {
        var html = await http.GetStringAsync(page, ct);
        var markers = ServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{page} has no interactive server components (signed in?).");
        }
        var state = ComponentState().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(page, "/_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var circuit = new BlazorCircuit(builder.Build(), page);
        circuit.Listen();
        await circuit._hub.StartAsync(ct);

        var baseUri = new Uri(page, "/").ToString();
        var secret = await circuit._hub.InvokeAsync<string?>("StartCircuit", baseUri, page.ToString(), "[]", "", ct);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"The server refused to start a circuit: {circuit.Error ?? "no reason given"}.");
        }
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = markers[i] });
        }
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await circuit._hub.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, ct);
        return circuit;
    }

    /// <summary>Waits until the rendered document satisfies <paramref name="ready"/> (for example: the grid has rows).</summary>
    public Task<TimeSpan> WaitForAsync(Func<RenderedDocument, bool> ready, TimeSpan timeout) => ActAsync(null, ready, timeout);

    /// <summary>
    /// Clicks <paramref name="element"/> (its <c>onclick</c> handler, as the browser's event delegation would) and
    /// returns the time from dispatch to the render batch after which <paramref name="answered"/> holds.
    /// </summary>
    public Task<TimeSpan> ClickAsync(RenderedElement element, Func<RenderedDocument, bool> answered, TimeSpan timeout)
    {
        var handler = element.Handler("click") ?? throw new InvalidOperationException($"<{element.Name}> has no click handler.");
        return ActAsync(() => DispatchAsync(handler, "click", new JsonObject { ["type"] = "click", ["detail"] = 1, ["button"] = 0 }), answered, timeout);
    }

    /// <summary>Follows an in-app link (an intercepted navigation) and times it like <see cref="ClickAsync"/>.</summary>
    public Task<TimeSpan> NavigateAsync(string relativeUri, Func<RenderedDocument, bool> answered, TimeSpan timeout) =>
        ActAsync(() => _hub.SendAsync("OnLocationChanged", new Uri(_page, relativeUri).ToString(), null, true), answered, timeout);

    private async Task<TimeSpan> ActAsync(Func<Task>? act, Func<RenderedDocument, bool> answered, TimeSpan timeout)
    {
        var waiter = new Waiter(answered, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            if (_waiter is not null)
            {
                throw new InvalidOperationException("One action at a time per circuit.");
            }
            if (act is null && answered(Document))
            {
                return TimeSpan.Zero;
            }
            _waiter = waiter;
        }
        try
        {
            if (act is not null)
            {
                await act();
            }
            return await waiter.Done.Task.WaitAsync(timeout);
        }
        finally
        {
            lock (_gate)
            {
                _waiter = null;
            }
        }
    }

    private Task DispatchAsync(ulong handlerId, string eventName, JsonObject eventArgs)
    {
        var renderer = Interlocked.Read(ref _rendererObjectId);
        if (renderer < 0)
        {
            throw new InvalidOperationException("The circuit has not attached its renderer's interop object yet.");
        }
        var descriptor = new JsonObject { ["eventHandlerId"] = handlerId, ["eventName"] = eventName, ["eventFieldInfo"] = null };
        var args = new JsonArray(descriptor, eventArgs).ToJsonString();
        var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", renderer, args);
    }

    private void Listen()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            string? failure = null;
            lock (_gate)
            {
                try
                {
                    Document.Apply(data);
                    if (_waiter is { } waiter && waiter.Answered(Document))
                    {
                        waiter.Done.TrySetResult(Stopwatch.GetElapsedTime(waiter.Started));
                    }
                }
                catch (Exception e) when (e is InvalidDataException or InvalidCastException or ArgumentOutOfRangeException)
                {
                    failure = $"batch {batchId}: {e.Message}";
                    Error = failure;
                }
            }
            await _hub.SendAsync("OnRenderCompleted", batchId, failure);
        });
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", async (taskId, identifier, argsJson, resultType, _, _) =>
        {
            InteropCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            if (identifier == AttachRendererInterop && JsonNode.Parse(argsJson) is JsonArray { Count: > 1 } args
                && args[1]?["__dotNetObject"]?.GetValue<long>() is { } objectId)
            {
                Interlocked.Exchange(ref _rendererObjectId, objectId);
            }
            else if (identifier == NavigateTo && JsonNode.Parse(argsJson) is JsonArray { Count: > 0 } navigation)
            {
                // The server navigates (NavigationManager.NavigateTo): the browser would follow and report it back.
                var target = new Uri(_page, navigation[0]!.GetValue<string>()).ToString();
                await _hub.SendAsync("OnLocationChanged", target, null, false);
            }
            if (taskId == 0)
            {
                return; // fire and forget
            }
            // No browser: every call succeeds with nothing, and a call that returns a JS object gets a fresh handle.
            JsonNode? result = resultType == JSObjectReferenceResult
                ? new JsonObject { ["__jsObjectId"] = Interlocked.Increment(ref _nextJsObjectId) }
                : null;
            await _hub.SendAsync("EndInvokeJSFromDotNet", taskId, true, new JsonArray(taskId, true, result).ToJsonString());
        });
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _hub.On<string>("JS.Error", error =>
        {
            Error = error;
            lock (_gate)
            {
                _waiter?.Done.TrySetException(new InvalidOperationException($"Circuit error: {error}"));
            }
        });
    }

    private static List<JsonNode> ServerMarkers(string html)
    {
        var markers = new List<JsonNode>();
        foreach (Match match in PrerenderMarker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && marker["type"]?.GetValue<string>() == "server")
            {
                markers.Add(marker);
            }
        }
        markers.Sort((a, b) => a["sequence"]!.GetValue<int>().CompareTo(b["sequence"]!.GetValue<int>()));
        return markers;
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex PrerenderMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ComponentState();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private sealed record Waiter(Func<RenderedDocument, bool> Answered, long Started)
    {
        public TaskCompletionSource<TimeSpan> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
