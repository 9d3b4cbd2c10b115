using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sync;

/// <summary>
/// The background sync (issue 6): every poll it finds connections that are due, not leased by another engine and
/// not in a rate-limited region, claims each with a lease and runs one step of it. <c>Sync:Enabled</c> = false
/// leaves the polling off; <see cref="RunOnceAsync"/> runs one cycle by hand.
/// </summary>
public sealed class SyncEngine(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<SyncOptions> options,
    TimeProvider time,
    SyncSignal signal,
    ILogger<SyncEngine> logger,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _running = new();

    private SyncOptions Options => options.Value;

    public string OwnerId => Options.OwnerId;

    /// <summary>One cycle: claims and works on every due connection it can. Returns how many it worked on.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SyncAdoption>().AdoptAsync(ct);
        var due = await DueConnectionsAsync(ct);
        var sync = scope.ServiceProvider.GetRequiredService<ConnectionSync>();
        var worked = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrentConnections, CancellationToken = ct },
            async (connectionId, token) =>
            {
                // Our own lease is claimable again (a failed cycle may have left it); this set keeps two cycles of this
                // engine that overlap (run by hand) off the same connection.
                if (!_running.TryAdd(connectionId, 0)) return;
                try
                {
                    if (await sync.RunAsync(connectionId, OwnerId, token)) Interlocked.Increment(ref worked);
                }
                finally
                {
                    _running.TryRemove(connectionId, out _);
                }
            });
        return worked;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        if (lifetime is not null)
        {
            // The first cycle waits for the app to listen: in Development the simulator LibreView talks to is the app itself.
            using var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken);
            await Task.Delay(Timeout.Infinite, started.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        // A cycle that worked on something is followed at once by the next: the backlog drains before the poll waits.
        await PollingLoop.RunAsync("Sync", async ct =>
            {
                while (await RunOnceAsync(ct) > 0)
                {
                }
            },
            PollPace.After(ct => signal.WaitAsync(Options.PollInterval, time, ct)), logger, stoppingToken);
    }

    private async Task<List<Guid>> DueConnectionsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var paused = await db.RegionBackoffs.Where(b => b.Until > now).Select(b => b.Region).ToListAsync(ct);
        var due = await db.SyncStates.AsNoTracking()
            .Where(s => s.NextDueAt <= now).Where(SyncLeases.Columns.Claimable(OwnerId, now))
            .Where(s => s.Connection!.Status == ConnectionStatus.Connected || s.Connection.ErrorType == LinkErrorTypes.UserNotFound)
            .Where(s => s.Connection!.PracticeId != Demo.DemoConnections.PracticeId) // generated data: nothing to fetch from LibreView
            .OrderBy(s => s.NextDueAt)
            .Take(Options.MaxConnectionsPerCycle)
            .Select(s => s.Connection!)
            .ToListAsync(ct);
        return due.Where(c => !paused.Contains(SyncRegions.ApiRegionOf(c))).Select(c => c.Id).ToList();
    }
}
