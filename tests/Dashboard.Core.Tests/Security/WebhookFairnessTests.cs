using System.Diagnostics;
using Dashboard.Core.Access;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Events;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Core.Tests.Security;

/// <summary>
/// Issue #18 row 5: one organisation's slow-but-successful receivers must not delay another organisation's webhooks.
/// The running dispatcher (real clock, real HTTP) delivers a fast tenant's event while four slow endpoints of another
/// tenant are busy, about as soon as when it had the dispatcher to itself.
/// </summary>
public sealed class WebhookFairnessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_slow_tenant_leaves_another_tenants_delivery_latency_unchanged()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        await using var fast = await WebhookReceiver.StartAsync();
        slow.Delay = TimeSpan.FromSeconds(1.5); // answers 204, only late (within the request timeout)
        await using var harness = await WebhookHarness.StartAsync(services => services
            .AddSingleton(TimeProvider.System)
            .Configure<WebhookOptions>(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            }));
        for (var i = 0; i < 4; i++)
        {
            await harness.AddEndpointAsync(slow.Url + "?endpoint=" + i);
        }
        var otherTeam = await OtherTenantAsync(harness);
        Assert.True((await harness.Admin.AddEndpointAsync(otherTeam.Scope, otherTeam.TeamId, fast.Url, [])).Succeeded);

        using var stop = new CancellationTokenSource();
        await harness.Dispatcher.StartAsync(stop.Token);
        try
        {
            var alone = await LatencyAsync(harness, otherTeam.TeamId, fast);

            await harness.RecordEventsAsync(20); // 4 endpoints × 20 slow sends ≈ 30 s each
            await WaitAsync(() => slow.Received.Count >= 4, TimeSpan.FromSeconds(10), "the slow endpoints never got their first event");
            var beside = await LatencyAsync(harness, otherTeam.TeamId, fast);

            output.WriteLine($"other tenant's delivery latency: alone {alone.TotalMilliseconds:F0} ms, beside 4 slow endpoints {beside.TotalMilliseconds:F0} ms");
            Assert.True(beside - alone <= TimeSpan.FromSeconds(2), $"alone {alone}, beside the slow tenant {beside}");
            Assert.True(slow.Received.Count < 80, "the slow tenant's deliveries should still be under way");
        }
        finally
        {
            await stop.CancelAsync();
            await harness.Dispatcher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>From recording one event for the team until its receiver has it.</summary>
    private static async Task<TimeSpan> LatencyAsync(WebhookHarness harness, Guid teamId, WebhookReceiver receiver)
    {
        var before = receiver.Received.Count;
        var clock = Stopwatch.StartNew();
        await using (var db = await harness.CreateDbAsync())
        {
            harness.Services.GetRequiredService<EventRecorder>().Record(db, EventTypes.DailyGlucoseCreated, teamId, Guid.NewGuid(), "fast-patient", new { Date = "2026-11-30" });
            await db.SaveChangesAsync();
        }
        await WaitAsync(() => receiver.Received.Count > before, TimeSpan.FromSeconds(30), "the other tenant's event did not arrive within 30 s");
        return clock.Elapsed;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan limit, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < limit, failure);
            await Task.Delay(20);
        }
    }

    private static async Task<(StaffScope Scope, Guid TeamId)> OtherTenantAsync(WebhookHarness harness)
    {
        await using var db = await harness.CreateDbAsync();
        var organization = new Organization { Name = "Fast Tenant", CreatedAt = DateTime.UtcNow };
        var team = new Team { Name = "Fast team", OrganizationId = organization.Id, CreatedAt = organization.CreatedAt };
        db.AddRange(organization, team);
        await db.SaveChangesAsync();
        return (new StaffScope(organization.Id, organization.Name, [team.Id]), team.Id);
    }
}
