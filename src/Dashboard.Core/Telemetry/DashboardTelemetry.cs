using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Core.Telemetry;

/// <summary>
/// Traces and metrics of the console's background work: each sync step of a connection (historical pull window,
/// ongoing sync, share re-check) and each webhook delivery attempt. Emitted through the BCL's
/// <see cref="ActivitySource"/> and <see cref="Meter"/> under <see cref="SourceName"/>; the web host subscribes with
/// OpenTelemetry (<c>Telemetry:*</c> settings). Tags never carry patient or connection ids: those are personal data,
/// and one series per patient would be unbounded.
/// </summary>
public static class DashboardTelemetry
{
    public const string SourceName = "Dashboard.Core";

    private static readonly ActivitySource Activities = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> SyncDuration = Meter.CreateHistogram<double>(
        "dashboard.sync.duration", unit: "ms", description: "One sync step of one connection, from lease to commit.");

    private static readonly Histogram<double> DeliveryDuration = Meter.CreateHistogram<double>(
        "dashboard.webhook.delivery.duration", unit: "ms", description: "One webhook delivery attempt, from send to answer.");

    /// <summary>What one sync step of a connection did.</summary>
    public static class SyncKinds
    {
        public const string HistoricalPull = "historical_pull";
        public const string Ongoing = "ongoing";
        public const string ShareRecheck = "share_recheck";
    }

    /// <summary>How a sync step ended.</summary>
    public static class SyncOutcomes
    {
        public const string Committed = "committed";
        public const string LeaseLost = "lease_lost";
        public const string Failed = "failed";
    }

    public static Activity? StartSync(string kind)
    {
        var activity = Activities.StartActivity("Sync " + kind, ActivityKind.Internal);
        activity?.SetTag("dashboard.sync.kind", kind);
        return activity;
    }

    public static void RecordSync(Activity? activity, string kind, string outcome, TimeSpan elapsed)
    {
        SyncDuration.Record(elapsed.TotalMilliseconds, new TagList { { "dashboard.sync.kind", kind }, { "dashboard.sync.outcome", outcome } });
        activity?.SetTag("dashboard.sync.outcome", outcome);
        if (outcome == SyncOutcomes.Failed) activity?.SetStatus(ActivityStatusCode.Error);
    }

    public static Activity? StartDelivery(string eventType)
    {
        var activity = Activities.StartActivity("Webhook delivery", ActivityKind.Producer);
        activity?.SetTag("dashboard.webhook.event_type", eventType);
        return activity;
    }

    /// <summary>
    /// <paramref name="status"/> is the endpoint's HTTP status, or null when it gave none (refused, unreachable,
    /// timed out); the outcome is "delivered" for 2xx and "failed" otherwise.
    /// </summary>
    public static void RecordDelivery(Activity? activity, string eventType, bool delivered, int? status, TimeSpan elapsed)
    {
        var outcome = delivered ? "delivered" : "failed";
        DeliveryDuration.Record(elapsed.TotalMilliseconds, new TagList
        {
            { "dashboard.webhook.event_type", eventType },
            { "dashboard.webhook.outcome", outcome },
            { "http.response.status_code", status },
        });
        if (activity is null) return;
        activity.SetTag("dashboard.webhook.outcome", outcome);
        if (status is { } code) activity.SetTag("http.response.status_code", code);
        if (!delivered) activity.SetStatus(ActivityStatusCode.Error);
    }
}
