using Dashboard.Core.Connections;
using Dashboard.Core.Sync;
using LibreView.Simulator.Control;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Sync;

public sealed class FaultTests
{
    [Fact]
    public async Task A_cloudflare_403_page_pauses_every_connection_of_the_region_which_stay_connected_and_the_pause_grows()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 5);
        var pair = new[] { await h.LinkedPatientAsync("busy1@example.org"), await h.LinkedPatientAsync("busy2@example.org") };
        var (patients, users) = (pair.Select(l => l.Patient).ToArray(), pair.Select(l => l.UserId).ToArray());
        h.State.Faults.Set("us", new FaultSettings { Block = Blocks.Cloudflare403 });
        var afterLinking = h.State.ApiRequests;

        await h.RunUntilIdleAsync();
        var requests = h.State.ApiRequests;
        Assert.InRange(requests - afterLinking, 1, 2); // the first block in the region pauses it (the other connection may have been in flight)
        var backoff = await h.WithDbAsync(db => db.RegionBackoffs.AsNoTracking().SingleAsync());
        Assert.Equal(("us", 1), (backoff.Region, backoff.Strikes));
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime + SyncFailures.RegionBlockBase, backoff.Until);
        h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await h.Engine.RunOnceAsync());
        Assert.Equal(requests, h.State.ApiRequests);
        var retrying = await h.PullOfAsync(users[0]);
        Assert.Equal((PullStatus.Retrying, SyncErrorTypes.RateLimitExceeded), (retrying.Status, retrying.ErrorType));
        Assert.All(users, u => Assert.Equal(ConnectionStatus.Connected, h.ConnectionOfAsync(u).Result.Status));

        h.Time.Advance(TimeSpan.FromMinutes(2)); // still blocked after the first pause: the next one is twice as long
        await h.RunUntilIdleAsync();
        backoff = await h.WithDbAsync(db => db.RegionBackoffs.AsNoTracking().SingleAsync());
        Assert.Equal(2, backoff.Strikes);
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime + 2 * SyncFailures.RegionBlockBase, backoff.Until);

        h.State.Faults.Clear();
        h.Time.Advance(TimeSpan.FromMinutes(11));
        await h.RunUntilIdleAsync();
        for (var i = 0; i < patients.Length; i++)
        {
            var pull = await h.PullOfAsync(users[i]);
            Assert.Equal(PullStatus.Success, pull.Status);
            Assert.Null(pull.ErrorType);
            Assert.Equal(SyncHarness.ServedKeys(patients[i], SyncHarness.Start.AddDays(-5), h.Time.GetUtcNow()), await h.ReadingKeysAsync(users[i]));
        }
        Assert.Empty(await h.EventsOfAsync(users[0]).ContinueWith(t => t.Result.Where(e => e.EventType == "provider.connection.error").ToList()));
    }

    [Fact]
    public async Task A_429_that_is_not_cloudflares_page_makes_that_account_wait_minutes_while_the_region_carries_on()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 3);
        var pair = new[] { await h.LinkedPatientAsync("limited1@example.org"), await h.LinkedPatientAsync("limited2@example.org") };
        h.State.Faults.Set("us", new FaultSettings { Block = Blocks.Http429, BlockNext = 1 });

        await h.RunUntilIdleAsync();

        Assert.Empty(await h.WithDbAsync(db => db.RegionBackoffs.AsNoTracking().ToListAsync()));
        var pulls = new[] { await h.PullOfAsync(pair[0].UserId), await h.PullOfAsync(pair[1].UserId) };
        Assert.Single(pulls, p => p.Status == PullStatus.Success); // the other account of the region was not held up
        var limited = Assert.Single(pulls, p => p.Status == PullStatus.Retrying);
        Assert.Equal(SyncErrorTypes.RateLimitExceeded, limited.ErrorType);
        var limitedUser = pair.Single(l => h.PullOfAsync(l.UserId).Result.Status == PullStatus.Retrying).UserId;
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime + SyncFailures.AccountThrottleWait(1), (await h.StateOfAsync(limitedUser)).NextDueAt);
        Assert.Equal(ConnectionStatus.Connected, (await h.ConnectionOfAsync(limitedUser)).Status);

        h.Time.Advance(SyncFailures.AccountThrottleWait(1));
        await h.RunUntilIdleAsync();
        foreach (var (patient, userId) in pair)
        {
            Assert.Equal(PullStatus.Success, (await h.PullOfAsync(userId)).Status);
            Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-3), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
        }
    }

    [Fact]
    public async Task A_refused_ticket_during_a_pull_logs_in_again_once_and_the_pull_completes()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 5);
        var (patient, userId) = await h.LinkedPatientAsync("jwt@example.org");
        var logins = h.State.Requests.Of("POST /auth/login");
        h.State.Faults.Set("us", new FaultSettings { Block = Blocks.ExpiredJwt, BlockNext = 1 });

        await h.RunUntilIdleAsync();

        Assert.Equal(logins + 1, h.State.Requests.Of("POST /auth/login"));
        Assert.Equal(PullStatus.Success, (await h.PullOfAsync(userId)).Status);
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-5), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    [Fact]
    public async Task A_long_poll_that_never_finishes_leaves_the_pull_retrying_with_nothing_lost_or_duplicated()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 5, new() { ["LibreView:MaxPollAttempts"] = "3", ["LibreView:PollDelay"] = "00:00:00.001" });
        var (patient, userId) = await h.LinkedPatientAsync("stuck@example.org");
        h.State.Faults.Set("us", new FaultSettings { LongPollNeverCompletes = true });

        await h.RunUntilIdleAsync();
        var pull = await h.PullOfAsync(userId);
        Assert.Equal((PullStatus.Retrying, SyncErrorTypes.ProviderUnavailable), (pull.Status, pull.ErrorType));
        Assert.Empty(await h.ReadingKeysAsync(userId));

        h.State.Faults.Clear();
        await RunThroughBackOffAsync(h);
        Assert.Equal(PullStatus.Success, (await h.PullOfAsync(userId)).Status);
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-5), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    [Fact]
    public async Task A_5xx_burst_is_retried_with_back_off_and_nothing_is_lost()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 5);
        var (patient, userId) = await h.LinkedPatientAsync("burst@example.org");
        h.State.Faults.Set("us", new FaultSettings { FailNext = 3 });

        await RunThroughBackOffAsync(h);

        var pull = await h.PullOfAsync(userId);
        Assert.Equal(PullStatus.Success, pull.Status);
        Assert.Contains(pull.Timeline, t => t.Status == PullStatus.Retrying && t.ErrorType == SyncErrorTypes.ProviderUnavailable);
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-5), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    [Fact]
    public async Task A_provider_that_stays_down_ends_the_pull_with_retry_quota_exhausted_and_a_refresh_resumes_it()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 5, new() { ["Sync:MaxAttempts"] = "3" });
        var (patient, userId) = await h.LinkedPatientAsync("down@example.org");
        h.State.Faults.Set("us", new FaultSettings { ServerErrorShare = 1 });
        var afterLinking = h.State.ApiRequests;

        var requests = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            await h.RunUntilIdleAsync();
            requests.Add(h.State.ApiRequests - afterLinking);
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal([1, 2, 3], requests); // one attempt each, 10 s, 20 s ... apart
        var pull = await h.PullOfAsync(userId);
        Assert.Equal((PullStatus.Failure, SyncErrorTypes.RetryQuotaExhausted), (pull.Status, pull.ErrorType));

        h.State.Faults.Clear();
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<SyncRefresh>().RefreshAsync(h.TeamId, userId);
            Assert.Equal(["abbott_libreview"], outcome!.Refreshed);
        }
        await h.RunUntilIdleAsync();
        Assert.Equal(PullStatus.Success, (await h.PullOfAsync(userId)).Status);
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-5), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    [Fact]
    public async Task Truncated_bodies_are_retried_until_every_day_is_stored_once()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 8, new() { ["Sync:MaxAttempts"] = "100" });
        var (patient, userId) = await h.LinkedPatientAsync("cut@example.org");
        h.State.Faults.Set("us", new FaultSettings { TruncatedShare = 0.2 });

        await RunThroughBackOffAsync(h);

        var pull = await h.PullOfAsync(userId);
        Assert.Equal((PullStatus.Success, 8), (pull.Status, pull.DaysDone));
        Assert.True(h.State.Requests.Of("POST /reports") > 1, "some reports should have been cut and asked again");
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-8), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    /// <summary>Runs cycles, moving the clock past each back-off, until the pull is over; then, faults gone, one ongoing sync catches up.</summary>
    private static async Task RunThroughBackOffAsync(SyncHarness h)
    {
        for (var i = 0; i < 200; i++)
        {
            await h.RunUntilIdleAsync();
            if (await h.WithDbAsync(db => Task.FromResult(db.HistoricalPulls.All(p => p.Status == PullStatus.Success || p.Status == PullStatus.Failure)))) break;
            h.Time.Advance(TimeSpan.FromSeconds(15));
        }
        h.State.Faults.Clear();
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.RunUntilIdleAsync();
    }
}
