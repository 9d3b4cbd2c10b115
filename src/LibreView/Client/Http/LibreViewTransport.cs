using System.Net.Http.Headers;
using System.Net.Http.Json;
using LibreView.Client.Parsing;
using LibreView.Wire;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace LibreView.Client.Http;

/// <summary>Sends one LibreLinkUp request with the headers LibreView requires and reads the envelope.</summary>
internal sealed class LibreViewTransport(HttpClient http, IOptions<LibreViewClientOptions> options, TimeProvider time)
{
    private readonly LibreViewClientOptions _options = options.Value;

    public LibreViewClientOptions Options => _options;

    public async Task<(LluReply? Reply, LibreViewError? Error)> SendAsync(
        HttpMethod method, string region, string pathAndQuery, object? body, string? bearer, string? accountId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, _options.RegionUri(region, pathAndQuery));
        request.Headers.TryAddWithoutValidation(LibreHeaders.Product, _options.Product);
        request.Headers.TryAddWithoutValidation(LibreHeaders.Version, _options.Version);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (accountId is not null) request.Headers.TryAddWithoutValidation(LibreHeaders.AccountId, accountId);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: LibreJson.Options);

        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var reply = LluReply.Parse(status, text, RetryRules.RetryAfter(response, time));
            if (reply is not null) return (reply, null);
            return (null, status switch
            {
                429 => ReplyErrors.RateLimited(RetryRules.RetryAfter(response, time)),
                >= 200 and <= 299 => ReplyErrors.Malformed(status),
                _ => ReplyErrors.Api($"LibreView answered HTTP {status}"),
            });
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (null, ReplyErrors.Api($"LibreView could not be reached: {e.Message}"));
        }
    }
}
