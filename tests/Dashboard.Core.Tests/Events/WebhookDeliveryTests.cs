using System.Net;
using System.Text.Json;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Dashboard.Core.Tests.Events;

public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private WebhookHarness _harness = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _harness = await WebhookHarness.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private Task<bool> AllSucceededAsync(int count) =>
        _harness.DeliveriesAsync().ContinueWith(t => t.Result.Count == count && t.Result.All(d => d.Status == WebhookDeliveryStatus.Succeeded));

    [Fact]
    public async Task Every_event_arrives_signed_per_the_spec_with_the_envelope()
    {
        var (_, secret) = await _harness.AddEndpointAsync(_receiver.Url);
        var ids = await _harness.RecordEventsAsync(3);

        await _harness.Dispatcher.RunOnceAsync();

        Assert.Equal(ids.Select(EventEnvelope.MessageId), _receiver.AcceptedIds);
        var now = _harness.Clock.GetUtcNow();
        foreach (var received in _receiver.Received)
        {
            Assert.True(SpecSignature.IsValid(secret, received, now), "independent check of the spec");
            new StandardWebhook(secret).Verify(received.Body, received.Headers);

            using var envelope = JsonDocument.Parse(received.Body);
            var root = envelope.RootElement;
            Assert.Equal(EventTypes.DailyGlucoseCreated, root.GetProperty("event_type").GetString());
            Assert.Equal(_harness.TeamId.ToString(), root.GetProperty("team_id").GetString());
            Assert.StartsWith("patient-", root.GetProperty("client_user_id").GetString());
            Assert.True(Guid.TryParse(root.GetProperty("user_id").GetString(), out _));
            Assert.Equal("freestyle_libre", root.GetProperty("data").GetProperty("provider").GetString());
        }
    }

    [Fact]
    public async Task Our_own_record_keeping_events_stay_in_the_history_and_are_never_sent()
    {
        await _harness.AddEndpointAsync(_receiver.Url); // no filter: every Junction event type
        await _harness.RecordEventsAsync(2, EventTypes.LibreViewDocumentsAccepted);
        var sent = await _harness.RecordEventsAsync(1);

        await _harness.Dispatcher.RunOnceAsync();

        Assert.Equal(sent.Select(EventEnvelope.MessageId), _receiver.AcceptedIds);
        Assert.Equal(sent, (await _harness.DeliveriesAsync()).Select(d => d.EventId));
    }

    [Fact]
    public async Task A_changed_body_or_a_wrong_secret_fails_both_checks()
    {
        var (_, secret) = await _harness.AddEndpointAsync(_receiver.Url);
        await _harness.RecordEventsAsync(1);
        await _harness.Dispatcher.RunOnceAsync();
        var received = Assert.Single(_receiver.Received);
        var tampered = received with { Body = received.Body.Replace("patient-0", "patient-9") };
        var otherSecret = WebhookSecrets.Generate();
        var now = _harness.Clock.GetUtcNow();

        Assert.False(SpecSignature.IsValid(secret, tampered, now));
        Assert.False(SpecSignature.IsValid(otherSecret, received, now));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(tampered.Body, tampered.Headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(otherSecret).Verify(received.Body, received.Headers));
    }

    [Fact]
    public async Task After_a_rotation_both_the_new_and_the_old_secret_verify_until_the_overlap_ends()
    {
        var (endpointId, oldSecret) = await _harness.AddEndpointAsync(_receiver.Url);
        var rotated = await _harness.Admin.RotateSecretAsync(_harness.Scope, endpointId);
        await _harness.RecordEventsAsync(1);
        await _harness.Dispatcher.RunOnceAsync();

        var received = Assert.Single(_receiver.Received);
        var now = _harness.Clock.GetUtcNow();
        Assert.NotEqual(oldSecret, rotated.Secret);
        Assert.True(SpecSignature.IsValid(rotated.Secret!, received, now));
        Assert.True(SpecSignature.IsValid(oldSecret, received, now));
        Assert.Equal(2, received.Headers["webhook-signature"].ToString().Split(' ').Length);

        _harness.Clock.Advance(TimeSpan.FromHours(25));
        await _harness.RecordEventsAsync(1);
        await _harness.Dispatcher.RunOnceAsync();
        var later = _receiver.Received[^1];
        Assert.Single(later.Headers["webhook-signature"].ToString().Split(' '));
        Assert.False(SpecSignature.IsValid(oldSecret, later, _harness.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_receiver_that_is_down_for_a_while_gets_every_event_later_in_order_once()
    {
        await _harness.AddEndpointAsync(_receiver.Url);
        _receiver.Status = HttpStatusCode.ServiceUnavailable;
        var ids = await _harness.RecordEventsAsync(5);

        for (var cycle = 0; cycle < 6; cycle++)
        {
            await _harness.Dispatcher.RunOnceAsync();
            _harness.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        Assert.All(_receiver.Received, r => Assert.Equal(EventEnvelope.MessageId(ids[0]), r.MessageId));
        Assert.True(_receiver.Received.Count >= 2, "the first event is retried");

        _receiver.Status = HttpStatusCode.OK;
        await _harness.RunUntilAsync(() => AllSucceededAsync(5), TimeSpan.FromMinutes(10));
        await _harness.RecordEventsAsync(2).ContinueWith(t => ids = [.. ids, .. t.Result]);
        await _harness.RunUntilAsync(() => AllSucceededAsync(7), TimeSpan.FromMinutes(10));

        Assert.Equal(ids.Select(EventEnvelope.MessageId), _receiver.AcceptedIds);
        var deliveries = await _harness.DeliveriesAsync();
        await using var db = await _harness.CreateDbAsync();
        Assert.Equal(_receiver.Received.Count, await db.WebhookAttempts.CountAsync());
        Assert.Equal(_receiver.Received.Count, deliveries.Sum(d => d.AttemptCount));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (HttpStatusCode)_receiver.Received[0].AnsweredStatus);
    }

    [Fact]
    public async Task A_restarted_dispatcher_on_the_same_store_loses_nothing_and_repeats_nothing()
    {
        await _harness.AddEndpointAsync(_receiver.Url);
        var ids = (await _harness.RecordEventsAsync(2)).ToList();
        await _harness.Dispatcher.RunOnceAsync();
        _receiver.Status = HttpStatusCode.BadGateway;
        ids.AddRange(await _harness.RecordEventsAsync(2));
        await _harness.Dispatcher.RunOnceAsync();

        await _harness.RestartAsync();
        ids.AddRange(await _harness.RecordEventsAsync(3));
        _receiver.Status = HttpStatusCode.Accepted;
        await _harness.RunUntilAsync(() => AllSucceededAsync(7), TimeSpan.FromMinutes(5));

        Assert.Equal(ids.Select(EventEnvelope.MessageId), _receiver.AcceptedIds);
    }

    [Fact]
    public async Task Two_app_instances_on_one_store_never_send_an_event_twice_or_out_of_order()
    {
        await _harness.AddEndpointAsync(_receiver.Url);
        var other = await _harness.AnotherInstanceAsync();
        var ids = new List<long>();

        for (var round = 0; round < 4; round++)
        {
            ids.AddRange(await _harness.RecordEventsAsync(5));
            await Task.WhenAll(_harness.Dispatcher.RunOnceAsync(), other.RunOnceAsync(), _harness.Dispatcher.RunOnceAsync(), other.RunOnceAsync());
        }
        await _harness.RunUntilAsync(() => AllSucceededAsync(20), TimeSpan.FromMinutes(5));

        Assert.Equal(ids.Select(EventEnvelope.MessageId), _receiver.AcceptedIds);
        Assert.Equal(20, _receiver.Received.Count);
    }

    [Fact]
    public async Task An_endpoint_held_by_a_crashed_instance_is_served_once_its_lease_runs_out()
    {
        var (endpointId, _) = await _harness.AddEndpointAsync(_receiver.Url);
        await using (var db = await _harness.CreateDbAsync())
        {
            var until = _harness.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);
            await db.WebhookEndpoints.Where(e => e.Id == endpointId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeaseOwner, "crashed-instance").SetProperty(e => e.LeaseUntil, until));
        }
        var ids = await _harness.RecordEventsAsync(2);

        await _harness.Dispatcher.RunOnceAsync();
        Assert.Empty(_receiver.Received);

        _harness.Clock.Advance(TimeSpan.FromMinutes(3));
        await _harness.Dispatcher.RunOnceAsync();
        Assert.Equal(ids.Select(EventEnvelope.MessageId), _receiver.AcceptedIds);
    }

    [Fact]
    public async Task A_secret_that_cannot_be_decrypted_fails_the_attempt_with_advice_and_other_endpoints_carry_on()
    {
        var (broken, _) = await _harness.AddEndpointAsync(_receiver.Url);
        await using var other = await WebhookReceiver.StartAsync();
        await _harness.AddEndpointAsync(other.Url);
        await using (var db = await _harness.CreateDbAsync())
        {
            await db.WebhookEndpoints.Where(e => e.Id == broken).ExecuteUpdateAsync(set => set.SetProperty(e => e.ProtectedSecret, "not-a-protected-payload"));
        }
        await _harness.RecordEventsAsync(1);

        await _harness.Dispatcher.RunOnceAsync();

        var failed = (await _harness.DeliveriesAsync()).Single(d => d.EndpointId == broken);
        Assert.Equal(WebhookDeliveryStatus.Failed, failed.Status);
        Assert.Contains("rotate the secret", failed.LastError);
        Assert.Empty(_receiver.Received);
        Assert.Single(other.AcceptedIds);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_a_failed_attempt_retried_later()
    {
        await _harness.AddEndpointAsync(_receiver.Url);
        _receiver.Delay = TimeSpan.FromSeconds(30);
        await _harness.RecordEventsAsync(1);

        await _harness.Dispatcher.RunOnceAsync();

        var delivery = Assert.Single(await _harness.DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Failed, null, "No answer before the request timed out."), (delivery.Status, delivery.LastStatusCode, delivery.LastError));
        _receiver.Delay = TimeSpan.Zero;
        await _harness.RunUntilAsync(() => AllSucceededAsync(1), TimeSpan.FromMinutes(1));
        Assert.Single(_receiver.AcceptedIds);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_retried_with_growing_gaps_for_24_hours_then_dead()
    {
        await _harness.AddEndpointAsync(_receiver.Url);
        _receiver.Status = HttpStatusCode.InternalServerError;
        await _harness.RecordEventsAsync(1);
        var start = _harness.Clock.GetUtcNow().UtcDateTime;

        await _harness.RunUntilAsync(async () => (await _harness.DeliveriesAsync()).FirstOrDefault()?.Status == WebhookDeliveryStatus.Dead, TimeSpan.FromMinutes(15), maxCycles: 200);

        var delivery = Assert.Single(await _harness.DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Dead, delivery.Status);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(500, delivery.LastStatusCode);
        Assert.InRange(delivery.LastAttemptAt!.Value, start.AddHours(24), start.AddHours(24.5));
        await using var db = await _harness.CreateDbAsync();
        var times = await db.WebhookAttempts.OrderBy(a => a.Id).Select(a => a.AttemptedAt).ToListAsync();
        Assert.Equal(delivery.AttemptCount, times.Count);
        Assert.InRange(times.Count, 10, 60);
        Assert.True(times[2] - times[1] <= times[^2] - times[^3], "gaps grow");

        var attempts = _receiver.Received.Count;
        _harness.Clock.Advance(TimeSpan.FromHours(2));
        await _harness.Dispatcher.RunOnceAsync();
        Assert.Equal(attempts, _receiver.Received.Count);

        _receiver.Status = HttpStatusCode.OK;
        var redelivered = await _harness.Admin.RedeliverAsync(_harness.Scope, delivery.Id);
        await _harness.Dispatcher.RunOnceAsync();
        Assert.True(redelivered.Succeeded);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, (await _harness.DeliveriesAsync())[0].Status);
    }

    [Fact]
    public async Task A_dead_delivery_holds_back_the_later_ones_until_it_is_dead_then_they_go()
    {
        await _harness.AddEndpointAsync(_receiver.Url);
        var ids = await _harness.RecordEventsAsync(2);
        _receiver.AlwaysRefuse = EventEnvelope.MessageId(ids[0]);

        await _harness.RunUntilAsync(async () => (await _harness.DeliveriesAsync()).FirstOrDefault()?.Status == WebhookDeliveryStatus.Dead, TimeSpan.FromMinutes(30));

        var deliveries = await _harness.DeliveriesAsync();
        Assert.Equal([WebhookDeliveryStatus.Dead, WebhookDeliveryStatus.Succeeded], deliveries.Select(d => d.Status));
        Assert.Equal([EventEnvelope.MessageId(ids[1])], _receiver.AcceptedIds);
        Assert.Equal(EventEnvelope.MessageId(ids[1]), _receiver.Received[^1].MessageId);
        Assert.All(_receiver.Received.SkipLast(1), r => Assert.Equal(EventEnvelope.MessageId(ids[0]), r.MessageId));
    }

    [Fact]
    public async Task An_endpoint_gets_only_the_event_types_it_asked_for_and_a_test_event_goes_to_one_endpoint()
    {
        var (filteredId, _) = await _harness.AddEndpointAsync(_receiver.Url, EventTypes.ConnectionError);
        await using var other = await WebhookReceiver.StartAsync();
        await _harness.AddEndpointAsync(other.Url);
        await _harness.RecordEventsAsync(2, EventTypes.DailyGlucoseCreated);
        var errors = await _harness.RecordEventsAsync(1, EventTypes.ConnectionError);

        var test = await _harness.Admin.SendTestEventAsync(_harness.Scope, filteredId);
        await _harness.Dispatcher.RunOnceAsync();

        Assert.True(test.Succeeded);
        Assert.Equal(2, _receiver.AcceptedIds.Count);
        Assert.Equal(EventEnvelope.MessageId(errors[0]), _receiver.AcceptedIds[0]);
        Assert.Contains("\"event_type\":\"webhook.test\"", _receiver.Received[1].Body);
        Assert.Equal(3, other.AcceptedIds.Count);
        Assert.DoesNotContain(other.Received, r => r.Body.Contains("webhook.test"));
    }

    [Fact]
    public async Task A_disabled_endpoint_is_not_sent_to_and_events_of_that_time_are_skipped()
    {
        var (endpointId, _) = await _harness.AddEndpointAsync(_receiver.Url);
        await _harness.Admin.SetEnabledAsync(_harness.Scope, endpointId, enabled: false);
        await _harness.RecordEventsAsync(2);
        await _harness.Dispatcher.RunOnceAsync();
        Assert.Empty(_receiver.Received);

        await _harness.Admin.SetEnabledAsync(_harness.Scope, endpointId, enabled: true);
        var later = await _harness.RecordEventsAsync(1);
        await _harness.Dispatcher.RunOnceAsync();

        Assert.Equal([EventEnvelope.MessageId(later[0])], _receiver.AcceptedIds);
    }

    [Fact]
    public async Task The_organisation_lists_its_endpoints_deliveries_and_attempts_and_another_organisation_finds_none()
    {
        var (endpointId, _) = await _harness.AddEndpointAsync(_receiver.Url);
        await _harness.RecordEventsAsync(1);
        await _harness.Dispatcher.RunOnceAsync();
        var delivery = Assert.Single(await _harness.DeliveriesAsync());
        var stranger = new Dashboard.Core.Access.StaffScope(Guid.NewGuid(), "Other org", [Guid.NewGuid()]);

        Assert.Empty(await _harness.Admin.ListEndpointsAsync(stranger));
        Assert.Empty(await _harness.Admin.ListDeliveriesAsync(stranger, endpointId));
        Assert.Empty(await _harness.Admin.ListAttemptsAsync(stranger, delivery.Id));
        Assert.False((await _harness.Admin.RotateSecretAsync(stranger, endpointId)).Succeeded);
        Assert.False((await _harness.Admin.RedeliverAsync(stranger, delivery.Id)).Succeeded);
        Assert.False((await _harness.Admin.AddEndpointAsync(stranger, _harness.TeamId, "https://example.com/hooks", null)).Succeeded);
        var endpoint = Assert.Single(await _harness.Admin.ListEndpointsAsync(_harness.Scope));
        Assert.Equal((endpointId, "Hooks team", 0, 0), (endpoint.Id, endpoint.TeamName, endpoint.OpenDeliveries, endpoint.DeadDeliveries));
        var row = Assert.Single(await _harness.Admin.ListDeliveriesAsync(_harness.Scope, endpointId));
        Assert.Equal((delivery.EventId, EventTypes.DailyGlucoseCreated, WebhookDeliveryStatus.Succeeded, 1, 204), (row.EventId, row.EventType, row.Status, row.AttemptCount, row.LastStatusCode));
        Assert.Equal(204, Assert.Single(await _harness.Admin.ListAttemptsAsync(_harness.Scope, delivery.Id)).StatusCode);
    }
}
