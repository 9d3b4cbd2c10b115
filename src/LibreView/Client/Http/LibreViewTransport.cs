using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LibreView.Client.Parsing;
using LibreView.Wire;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace LibreView.Client.Http;

/// <summary>Sends one LibreView web/Pro request with the headers of reference §1.3 and reads the answer.</summary>
internal sealed class LibreViewTransport(HttpClient http, IOptions<LibreViewClientOptions> options)
{
    private readonly LibreViewClientOptions _options = options.Value;

    public LibreViewClientOptions Options => _options;

    /// <summary>A JSON call to a path of a region's API host.</summary>
    public Task<(LibreReply? Reply, LibreViewError? Error)> SendAsync(
        HttpMethod method, string region, string pathAndQuery, object? body, string? bearer, string? accountId, CancellationToken ct) =>
        SendAsync(method, _options.RegionUri(region, pathAndQuery), body, bearer, accountId, ct, LibreViewTelemetry.EndpointOf(pathAndQuery));

    /// <summary>A JSON call to an absolute URL LibreView gave us (channel, long-poll).</summary>
    public async Task<(LibreReply? Reply, LibreViewError? Error)> SendAsync(
        HttpMethod method, Uri uri, object? body, string? bearer, string? accountId, CancellationToken ct, string? endpoint = null)
    {
        var (status, text, error) = await SendRawAsync(method, uri, body, bearer, accountId, "application/json", ct, endpoint);
        if (error is not null) return (null, error);
        var reply = LibreReply.Parse(status, text!);
        return reply is not null ? (reply, null) : (null, ReplyErrors.NotEnvelope(status, text!));
    }

    /// <summary>
    /// One request; the body text comes back whatever its type (the report is HTML). <paramref name="endpoint"/> names
    /// the call in telemetry: the API path of a region call (a base URL may carry a prefix of its own), else the URL's path.
    /// </summary>
    public async Task<(int Status, string? Text, LibreViewError? Error)> SendRawAsync(
        HttpMethod method, Uri uri, object? body, string? bearer, string? accountId, string accept, CancellationToken ct, string? endpoint = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (_options.Product is { Length: > 0 } product) request.Headers.TryAddWithoutValidation(LibreHeaders.Product, product);
        if (_options.WebVersion is { Length: > 0 } version) request.Headers.TryAddWithoutValidation(LibreHeaders.WebVersion, version);
        if (_options.Origin is { Length: > 0 } origin)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
            request.Headers.TryAddWithoutValidation("Referer", origin + "/");
        }
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (accountId is not null) request.Headers.TryAddWithoutValidation(LibreHeaders.AccountId, accountId);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: LibreJson.Options);

        endpoint ??= LibreViewTelemetry.EndpointOf(uri.AbsolutePath);
        using var activity = LibreViewTelemetry.Start(method, endpoint, uri.Host);
        var started = Stopwatch.GetTimestamp();
        var status = LibreViewTelemetry.Cancelled;
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            status = (int)response.StatusCode;
            return (status, text, null);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            status = LibreViewTelemetry.Unreachable;
            return (0, null, ReplyErrors.Api($"LibreView could not be reached: {e.Message}"));
        }
        finally
        {
            LibreViewTelemetry.Record(activity, method, endpoint, status, Stopwatch.GetElapsedTime(started));
        }
    }
}
