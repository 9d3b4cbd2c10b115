using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace LibreView.Client.Http;

/// <summary>
/// Traces and metrics of every LibreView call, by endpoint and outcome. The client only emits them through the BCL's
/// <see cref="ActivitySource"/> and <see cref="Meter"/>; a host that wants them subscribes by <see cref="SourceName"/>
/// (the console does so through OpenTelemetry). Nothing is recorded when nobody listens.
/// </summary>
public static partial class LibreViewTelemetry
{
    public const string SourceName = "LibreView.Client";

    internal static readonly ActivitySource Activities = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "libreview.client.requests", unit: "{request}", description: "LibreView calls, by endpoint and outcome.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "libreview.client.duration", unit: "ms", description: "Time from sending a LibreView call to reading its whole answer.");

    /// <summary>
    /// The path with account, connection and patient ids replaced by <c>{id}</c> and the query dropped, so a metric has
    /// one series per endpoint rather than one per patient (ids are also personal data and stay out of telemetry).
    /// </summary>
    public static string EndpointOf(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            if (IdSegment().IsMatch(segments[i])) segments[i] = "{id}";
        }
        return "/" + string.Join('/', segments);
    }

    /// <summary>The status recorded when no answer came (refused, reset, timed out).</summary>
    internal const int Unreachable = 0;

    /// <summary>The status recorded when the caller gave up (its cancellation token) before an answer came.</summary>
    internal const int Cancelled = -1;

    /// <summary>"ok" for 2xx, "http_{status}" for other answers, "unreachable" or "cancelled" when no answer came.</summary>
    public static string OutcomeOf(int status) => status switch
    {
        Unreachable => "unreachable",
        Cancelled => "cancelled",
        >= 200 and < 300 => "ok",
        _ => "http_" + status,
    };

    internal static Activity? Start(HttpMethod method, string endpoint, string host)
    {
        var activity = Activities.StartActivity($"LibreView {method.Method} {endpoint}", ActivityKind.Client);
        activity?.SetTag("server.address", host);
        return activity;
    }

    internal static void Record(Activity? activity, HttpMethod method, string endpoint, int status, TimeSpan elapsed)
    {
        var outcome = OutcomeOf(status);
        var tags = new TagList
        {
            { "libreview.endpoint", endpoint },
            { "http.request.method", method.Method },
            { "libreview.outcome", outcome },
        };
        Requests.Add(1, tags);
        Duration.Record(elapsed.TotalMilliseconds, tags);
        if (activity is null) return;
        activity.SetTag("libreview.outcome", outcome);
        if (status > 0) activity.SetTag("http.response.status_code", status);
        if (outcome != "ok") activity.SetStatus(ActivityStatusCode.Error, outcome);
    }

    // Hex ids with or without dashes (LibreView's UUIDs, report ids), long digit runs, and base64url-looking tokens.
    [GeneratedRegex(@"^([0-9a-fA-F-]{16,}|\d{4,}|[A-Za-z0-9_-]{32,})$")]
    private static partial Regex IdSegment();
}
