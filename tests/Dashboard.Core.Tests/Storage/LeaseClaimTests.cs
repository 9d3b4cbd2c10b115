using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Storage;

/// <summary>Lease claims are one conditional UPDATE: of many instances claiming at the same moment exactly one wins, on either engine.</summary>
public sealed class LeaseClaimTests
{
    [Fact]
    public async Task Of_eight_simultaneous_claims_on_one_connection_exactly_one_wins_until_the_lease_runs_out()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var (_, userId) = await h.LinkedPatientAsync("claimed@example.org");
        var connectionId = (await h.ConnectionOfAsync(userId)).Id;
        var factory = h.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var now = h.Time.GetUtcNow().UtcDateTime;
        var lease = TimeSpan.FromMinutes(5);

        async Task<bool> ClaimAsync(string owner, DateTime at)
        {
            await using var db = await factory.CreateDbContextAsync();
            return await SyncLeases.On(db, connectionId, owner, lease, new FakeTimeProvider(new DateTimeOffset(at))).TryClaimAsync(s => s.NextDueAt <= at, CancellationToken.None);
        }

        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ClaimAsync($"instance-{i}", now))));
        var whileHeld = await ClaimAsync("late", now + lease - TimeSpan.FromSeconds(1));
        var afterExpiry = await ClaimAsync("successor", now + lease + TimeSpan.FromSeconds(1));

        Assert.Equal(1, first.Count(won => won));
        Assert.False(whileHeld);
        Assert.True(afterExpiry);
        Assert.Equal("successor", (await h.StateOfAsync(userId)).LeaseOwner);
    }
}
