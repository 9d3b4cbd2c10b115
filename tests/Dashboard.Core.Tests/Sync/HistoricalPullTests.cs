using Dashboard.Core.Events;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Tests.Sync;

public sealed class HistoricalPullTests
{
    [Theory]
    [InlineData("libre3")]
    [InlineData("libre2")]
    public async Task A_90_day_pull_stores_exactly_what_the_simulator_serves(string sensor)
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 90);
        var (patient, userId) = await h.LinkedPatientAsync($"{sensor}@example.org", sensor);

        var scheduled = await h.PullOfAsync(userId);
        Assert.Equal(PullStatus.Scheduled, scheduled.Status);
        await h.RunUntilIdleAsync();

        var pull = await h.PullOfAsync(userId);
        Assert.Equal(PullStatus.Success, pull.Status);
        Assert.Equal((90, 90), (pull.DaysDone, pull.DaysAsked));
        Assert.Equal(pull.RangeEnd, pull.Checkpoint);
        Assert.Equal([PullStatus.Scheduled, PullStatus.InProgress, PullStatus.Success], pull.Timeline.Select(t => t.Status));
        var served = SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-90), SyncHarness.Start);
        Assert.Equal(served.Select(r => r.Timestamp.Date).Distinct().Count(), pull.GlucoseDaysWithData);
        Assert.True(pull.CarbohydratesDaysWithData > 0);
        Assert.Single(h.History.Pages, p => p.From < SyncHarness.Start.UtcDateTime.AddDays(-10)); // one 90-day Daily Log
        var stored = await h.ReadingKeysAsync(userId);
        Assert.Equal(served.Count, stored.Count);
        Assert.Equal(served, stored);
        if (sensor == "libre3") Assert.InRange(stored.Count, 24_000, 26_000);
        else Assert.Contains(stored, r => r.Kind == ReadingKind.ManualScan);

        var from = SyncHarness.Start.UtcDateTime.AddDays(-90);
        var servedNotes = patient.Data!.Notes(SyncHarness.Start.AddDays(-91), SyncHarness.Start.AddMinutes(-17))
            .Where(n => n.Local >= from)
            .Select(n => (new DateTime(n.Local.Year, n.Local.Month, n.Local.Day, n.Local.Hour, 0, 0), n.Kind))
            .Distinct().Count(); // hour-bucketed entries (assumed keys)
        Assert.Equal(servedNotes, await h.WithDbAsync(db => db.Notes.CountAsync(n => n.UserId == userId)));

        var events = await h.EventsOfAsync(userId);
        Assert.Equal(["provider.connection.created", "historical.data.glucose.created", "historical.data.note.created",
            "historical.data.carbohydrates.created", "historical.data.insulin_injection.created"], events.Select(e => e.EventType));
        Assert.Contains("\"is_final\":true", events[1].DataJson);

        var state = await h.StateOfAsync(userId);
        Assert.Equal(stored.Where(r => r.Kind == ReadingKind.Automatic).Max(r => r.Timestamp), state.LastReadingAt);
        Assert.NotNull(state.LastSuccessAt);
        // The patient list's 14-day figures are the review's: the metrics engine over the stored automatic readings.
        var automatic = await h.WithDbAsync(db => db.Readings.AsNoTracking().Where(r => r.UserId == userId && r.Kind == ReadingKind.Automatic)
            .Select(r => new Dashboard.Core.Glucose.GlucoseReading(r.Timestamp, r.MeasuredValue, r.MeasuredUnit)).ToListAsync());
        var review = Dashboard.Core.Glucose.Metrics.GlucoseMetricsCalculator.Compute(
            Dashboard.Core.Glucose.Timeseries.GlucoseSeries.From(automatic), Dashboard.Core.Glucose.Metrics.MetricsWindow.LastDays(14));
        Assert.InRange(state.TimeInRange14dPercent!.Value, 1, 100);
        Assert.Equal((review.TimeInRangePercent, review.ActivePercent), (state.TimeInRange14dPercent, state.ActivePercent14d));
        Assert.Null(state.LeaseOwner);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_pull_resumes_from_the_checkpoint_with_nothing_fetched_twice_or_missed()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 10, new() { ["LibreView:ReportWindowDays"] = "1" });
        var (patient, userId) = await h.LinkedPatientAsync("restart@example.org");

        using var crash = new CancellationTokenSource();
        h.History.CrashBefore = (5, crash);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Engine.RunOnceAsync(crash.Token));
        var halfway = await h.PullOfAsync(userId);
        Assert.Equal(4, halfway.DaysDone);
        Assert.Equal(PullStatus.InProgress, halfway.Status);

        var restarted = h.NewEngine();
        Assert.Equal(0, await restarted.RunOnceAsync()); // the crashed engine's lease still holds
        h.Time.Advance(TimeSpan.FromMinutes(6));          // ... until it expires
        await h.RunUntilIdleAsync(restarted);

        var pull = await h.PullOfAsync(userId);
        Assert.Equal(PullStatus.Success, pull.Status);
        Assert.Equal(10, pull.DaysDone);
        var pages = h.History.Pages.Where(p => p.PatientId == patient.Id).Select(p => p.From).ToList();
        var pullPages = pages.Where(from => from < SyncHarness.Start.UtcDateTime.AddDays(-1)).ToList();
        Assert.Equal(pullPages.Distinct().Count(), pullPages.Count);
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-10), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    [Fact]
    public async Task Two_engines_on_one_database_never_pull_the_same_connection_at_once()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 12, new() { ["Sync:MaxPagesPerClaim"] = "2", ["LibreView:ReportWindowDays"] = "1" });
        var linked = new List<(LibreView.Simulator.Accounts.SimAccount Patient, Guid UserId)>();
        for (var i = 1; i <= 3; i++) linked.Add(await h.LinkedPatientAsync($"twin{i}@example.org"));
        var (patients, users) = (linked.Select(l => l.Patient).ToList(), linked.Select(l => l.UserId).ToList());
        var first = h.Engine;
        var second = h.NewEngine();
        var (firstSteps, secondSteps) = (0, 0);
        for (var cycle = 0; cycle < 100; cycle++)
        {
            var worked = await Task.WhenAll(first.RunOnceAsync(), second.RunOnceAsync());
            (firstSteps, secondSteps) = (firstSteps + worked[0], secondSteps + worked[1]);
            if (worked.Sum() == 0) break;
        }
        Assert.True(firstSteps > 0 && secondSteps > 0, $"both engines should have worked: {firstSteps} and {secondSteps} steps");

        var pages = h.History.Pages.Where(p => p.From < SyncHarness.Start.UtcDateTime.AddDays(-1)).ToList();
        Assert.Equal(pages.Count, pages.DistinctBy(p => (p.PatientId, p.From)).Count());
        for (var i = 0; i < patients.Count; i++)
        {
            Assert.Equal(PullStatus.Success, (await h.PullOfAsync(users[i])).Status);
            Assert.Equal(SyncHarness.ServedKeys(patients[i], SyncHarness.Start.AddDays(-12), SyncHarness.Start), await h.ReadingKeysAsync(users[i]));
            Assert.Single(await h.EventsOfAsync(users[i]), e => e.EventType == "historical.data.glucose.created");
        }
    }
}
