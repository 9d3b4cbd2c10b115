using System.Diagnostics;
using System.Net;
using Dashboard.Core.Telemetry;
using Dashboard.Core.Tests.Events;
using Dashboard.Core.Tests.Sync;
using Dashboard.TestSupport;

namespace Dashboard.Core.Tests.Telemetry;

/// <summary>Each sync step and each webhook delivery attempt is one span and one timed measurement, tagged by what it did and how it ended.</summary>
public sealed class DashboardTelemetryTests
{
    [Fact]
    public async Task The_first_sync_step_of_a_new_link_is_a_committed_historical_pull_and_later_steps_are_ongoing_syncs()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 2);
        await h.LinkedPatientAsync("traced@example.org");
        using var recorded = new TelemetryRecorder(DashboardTelemetry.SourceName);

        await recorded.UnderOwnTraceAsync(() => h.RunUntilIdleAsync());
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await recorded.UnderOwnTraceAsync(() => h.Engine.RunOnceAsync());

        var steps = recorded.Of("dashboard.sync.duration");
        Assert.Equal(DashboardTelemetry.SyncKinds.HistoricalPull, steps[0].Tag("dashboard.sync.kind"));
        Assert.Equal(DashboardTelemetry.SyncKinds.Ongoing, steps[^1].Tag("dashboard.sync.kind"));
        Assert.All(steps, step => Assert.Equal(DashboardTelemetry.SyncOutcomes.Committed, step.Tag("dashboard.sync.outcome")));
        Assert.Equal(steps.Count, recorded.Spans.Count(s => s.DisplayName.StartsWith("Sync ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Deliveries_are_tagged_with_their_event_type_and_outcome_and_a_failed_one_is_an_error_span()
    {
        await using var harness = await WebhookHarness.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = HttpStatusCode.InternalServerError;
        await harness.AddEndpointAsync(receiver.Url);
        await harness.RecordEventsAsync(2);
        using var recorded = new TelemetryRecorder(DashboardTelemetry.SourceName);

        await recorded.UnderOwnTraceAsync(() => harness.Dispatcher.RunOnceAsync());

        var attempts = recorded.Of("dashboard.webhook.delivery.duration");
        Assert.NotEmpty(attempts);
        Assert.All(attempts, attempt =>
        {
            Assert.Equal("failed", attempt.Tag("dashboard.webhook.outcome"));
            Assert.Equal("500", attempt.Tag("http.response.status_code"));
            Assert.Equal(Dashboard.Core.Events.EventTypes.DailyGlucoseCreated, attempt.Tag("dashboard.webhook.event_type"));
        });
        Assert.All(recorded.Spans, span => Assert.Equal(ActivityStatusCode.Error, span.Status));
        Assert.Equal(attempts.Count, recorded.Spans.Count);
    }
}
