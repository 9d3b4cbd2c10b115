using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sync;

/// <summary>
/// One claimed connection, one step: re-check a pending share, go on with the historical pull (page by page,
/// a checkpoint after each), or run the ongoing sync from the last stored reading.
/// </summary>
internal sealed class ConnectionSync(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<SyncOptions> options,
    TimeProvider time,
    LibreViewReader.Factory readers,
    SyncStore store,
    SyncFailures failures,
    SyncEvents events,
    ShareRecheck shares)
{
    private SyncOptions Options => options.Value;

    /// <summary>False when the connection was not due or another engine holds it.</summary>
    public async Task<bool> RunAsync(Guid connectionId, string owner, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SyncLeases.TryClaimAsync(db, connectionId, owner, time.GetUtcNow().UtcDateTime, Options.LeaseDuration, ct))
        {
            return false;
        }
        var work = await SyncWork.LoadAsync(db, connectionId, owner, Options, time, ct);
        if (work is null)
        {
            return true;
        }
        try
        {
            if (work.Connection.Status != ConnectionStatus.Connected)
            {
                await shares.RunAsync(work, ct);
            }
            else if (work.Pull is { IsActive: true } pull)
            {
                await PullAsync(work, pull, ct);
            }
            else
            {
                await OngoingAsync(work, ct);
            }
            await work.CommitAsync(release: true, ct);
        }
        catch (LeaseLostException)
        {
            // Another engine took over after our lease ran out; it goes on from the last checkpoint.
        }
        return true;
    }

    private async Task PullAsync(SyncWork work, HistoricalPull pull, CancellationToken ct)
    {
        var (reader, error) = await readers.OpenAsync(work, ct);
        if (reader is null)
        {
            await failures.ApplyAsync(work, error!, SyncRegions.ApiRegionOf(work.Connection), ct);
            return;
        }
        pull.MoveTo(PullStatus.InProgress, work.Now);
        for (var page = 0; page < Options.MaxPagesPerClaim && !pull.IsComplete; page++)
        {
            var from = pull.Checkpoint;
            var to = from.AddDays(1) < pull.RangeEnd ? from.AddDays(1) : pull.RangeEnd;
            var (window, failure) = await reader.FetchAsync(from, to, ct);
            if (window is null)
            {
                await failures.ApplyAsync(work, failure!, reader.Region, ct);
                return;
            }
            var written = await store.WriteAsync(work, window, ct);
            pull.Checkpoint = to;
            pull.DaysDone++;
            pull.GlucoseDaysWithData += written.Glucose ? 1 : 0;
            pull.NoteDaysWithData += written.Notes ? 1 : 0;
            pull.CarbohydratesDaysWithData += written.Carbohydrates ? 1 : 0;
            pull.InsulinDaysWithData += written.Insulin ? 1 : 0;
            Succeeded(work);
            await work.CommitAsync(release: false, ct);
        }
        if (pull.IsComplete)
        {
            pull.MoveTo(PullStatus.Success, work.Now);
            events.PullFinished(work, pull);
        }
        // Due again at once: the next pages, or the ongoing sync that closes the gap since the pull's range end.
        work.State.NextDueAt = work.Now;
        await SyncStore.RefreshSummaryAsync(work, ct);
    }

    private async Task OngoingAsync(SyncWork work, CancellationToken ct)
    {
        var state = work.State;
        var now = work.Now;
        var anchor = Max(state.LastReadingUtc, work.Pull?.RangeEnd) ?? now.AddDays(-1);
        var from = anchor - Options.OngoingOverlap;
        var (reader, error) = await readers.OpenAsync(work, ct);
        if (reader is null)
        {
            await failures.ApplyAsync(work, error!, SyncRegions.ApiRegionOf(work.Connection), ct);
            return;
        }
        var (window, failure) = await reader.FetchAsync(from, now, ct);
        if (window is null)
        {
            await failures.ApplyAsync(work, failure!, reader.Region, ct);
            return;
        }
        var newestBefore = state.LastReadingAt;
        var written = await store.WriteAsync(work, window, ct);
        await events.DaysChangedAsync(work, written.NewReadingDays, newestBefore, ct);
        Succeeded(work);
        state.NextDueAt = now + Options.OngoingInterval;
        await SyncStore.RefreshSummaryAsync(work, ct);
    }

    private static void Succeeded(SyncWork work)
    {
        work.State.FailedAttempts = 0;
        work.State.LastErrorType = null;
        work.State.LastErrorMessage = null;
        work.State.LastSuccessAt = work.Now;
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
