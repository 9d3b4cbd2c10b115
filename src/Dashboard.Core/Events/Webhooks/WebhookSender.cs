using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Telemetry;
using StandardWebhooks;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>POSTs one event to one endpoint, signed per Standard Webhooks under Svix's and the standard's header names, and says how it went. Never throws for the receiver's faults.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, WebhookUrlRule urls, TimeProvider time)
{
    public const string ClientName = "webhooks";
    public const int MaxErrorLength = 1000;

    /// <summary>The header sets every delivery carries: Svix's (as Junction sends them) and Standard Webhooks'.</summary>
    public static readonly IReadOnlyList<string> SignatureHeaderPrefixes = ["svix", "webhook"];

    public async Task<AttemptOutcome> SendAsync(WebhookEndpoint endpoint, StoredEvent stored, CancellationToken cancellationToken)
    {
        using var activity = DashboardTelemetry.StartDelivery(stored.EventType);
        var outcome = await AttemptAsync(endpoint, stored, cancellationToken);
        DashboardTelemetry.RecordDelivery(activity, stored.EventType, outcome.Succeeded, outcome.StatusCode, outcome.Duration);
        return outcome;
    }

    private async Task<AttemptOutcome> AttemptAsync(WebhookEndpoint endpoint, StoredEvent stored, CancellationToken cancellationToken)
    {
        if (urls.Check(endpoint.Url) is { } refused)
        {
            return new AttemptOutcome(false, null, refused, TimeSpan.Zero);
        }
        HttpRequestMessage request;
        try
        {
            request = SignedRequest(endpoint, stored, time.GetUtcNow());
        }
        catch (CryptographicException)
        {
            return new AttemptOutcome(false, null, "The signing secret could not be decrypted (were the Data Protection keys lost?); rotate the secret.", TimeSpan.Zero);
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new AttemptOutcome(response.IsSuccessStatusCode, status,
                response.IsSuccessStatusCode ? null : Shorten($"HTTP {status} {response.ReasonPhrase}".TrimEnd()), Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, "No answer before the request timed out.", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException failure)
        {
            // Never the socket error: "connection refused (10.0.0.7:22)" would make the delivery log a port scanner.
            return new AttemptOutcome(false, null,
                failure.InnerException is WebhookAddressRefusedException ? WebhookAddressPolicy.Refusal : "Could not connect to the endpoint, or the connection failed.",
                Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            request.Dispose();
        }
    }

    private HttpRequestMessage SignedRequest(WebhookEndpoint endpoint, StoredEvent stored, DateTimeOffset now)
    {
        var body = EventEnvelope.ToJson(stored);
        var messageId = EventEnvelope.MessageId(stored.Id);
        var signatures = secrets.SigningSecrets(endpoint, now.UtcDateTime).Select(secret => new StandardWebhook(secret).Sign(messageId, now, body));
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = string.Join(' ', signatures);
        // Junction delivers through Svix, whose receivers read svix-*; Standard Webhooks receivers read webhook-*.
        // Both schemes sign "{id}.{timestamp}.{body}" alike, so one signature serves both header sets.
        foreach (var prefix in SignatureHeaderPrefixes)
        {
            request.Headers.Add(prefix + "-id", messageId);
            request.Headers.Add(prefix + "-timestamp", timestamp);
            request.Headers.Add(prefix + "-signature", signature);
        }
        return request;
    }

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
