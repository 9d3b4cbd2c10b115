using Dashboard.Core.Events;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

public sealed class OngoingSyncTests
{
    [Fact]
    public async Task Every_15_minutes_the_ongoing_sync_adds_what_is_new_and_raises_one_event_per_changed_day()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 2);
        var (patient, userId) = await h.LinkedPatientAsync("ongoing@example.org");
        await h.RunUntilIdleAsync();
        var afterPull = (await h.EventsOfAsync(userId)).Count;

        h.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await h.Engine.RunOnceAsync()); // not due yet
        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await h.Engine.RunOnceAsync());
        for (var i = 0; i < 4 * 24; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(1, await h.Engine.RunOnceAsync());
        }

        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-2), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
        var daily = (await h.EventsOfAsync(userId)).Skip(afterPull).Where(e => e.EventType.StartsWith("daily.data.glucose.", StringComparison.Ordinal)).ToList();
        Assert.InRange(daily.Count, 60, 105); // each of the 97 syncs raises one per day it brought readings to (signal losses bring none)
        // A day is .created when it first gets readings, .updated after that: one day boundary is crossed in these 24 hours.
        Assert.InRange(daily.Count(e => e.EventType == EventTypes.DailyGlucoseCreated), 1, 2);
        var state = await h.StateOfAsync(userId);
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime.AddMinutes(15), state.NextDueAt);
    }

    [Fact]
    public async Task A_connection_stored_without_a_sync_state_is_adopted_and_pulled()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 2);
        var (patient, userId) = await h.LinkedPatientAsync("adopted@example.org");
        await h.WithDbAsync(db => db.SyncStates.Where(s => s.Connection!.UserId == userId).ExecuteDeleteAsync());
        await h.WithDbAsync(db => db.HistoricalPulls.ExecuteDeleteAsync());

        await h.RunUntilIdleAsync();

        Assert.Equal(PullStatus.Success, (await h.PullOfAsync(userId)).Status);
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-2), SyncHarness.Start), await h.ReadingKeysAsync(userId));
    }
}
