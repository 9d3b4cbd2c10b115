using System.Diagnostics;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;
using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sync;

/// <summary>
/// One claimed connection, one step: re-check a pending share, go on with the historical pull (one Daily Log report
/// per window of at most <see cref="ReportWindowOptions.ReportWindowDays"/>, a checkpoint after each), or run the
/// ongoing sync, which re-reads <see cref="SyncOptions.OngoingOverlapDays"/> days before the last stored reading.
/// </summary>
internal sealed class ConnectionSync(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<SyncOptions> options,
    IOptions<ReportWindowOptions> reports,
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
        var lease = SyncLeases.On(db, connectionId, owner, Options.LeaseDuration, time);
        var now = time.GetUtcNow().UtcDateTime;
        if (!await lease.TryClaimAsync(s => s.NextDueAt <= now, ct))
        {
            return false;
        }
        var work = await SyncWork.LoadAsync(db, connectionId, lease, Options, time, ct);
        if (work is null)
        {
            return true;
        }
        // One decision names the step and chooses it, so the telemetry's kind is always the step that ran.
        var kind = work.Connection.Status != ConnectionStatus.Connected ? DashboardTelemetry.SyncKinds.ShareRecheck
            : work.Pull is { IsActive: true } ? DashboardTelemetry.SyncKinds.HistoricalPull
            : DashboardTelemetry.SyncKinds.Ongoing;
        using var activity = DashboardTelemetry.StartSync(kind);
        var started = Stopwatch.GetTimestamp();
        var outcome = DashboardTelemetry.SyncOutcomes.Failed;
        try
        {
            if (kind == DashboardTelemetry.SyncKinds.ShareRecheck)
            {
                await shares.RunAsync(work, ct);
            }
            else if (kind == DashboardTelemetry.SyncKinds.HistoricalPull)
            {
                await PullAsync(work, work.Pull!, ct);
            }
            else
            {
                await OngoingAsync(work, ct);
            }
            await work.CommitAsync(release: true, ct);
            outcome = DashboardTelemetry.SyncOutcomes.Committed;
        }
        catch (LeaseLostException)
        {
            // Another engine took over after our lease ran out; it goes on from the last checkpoint.
            outcome = DashboardTelemetry.SyncOutcomes.LeaseLost;
        }
        finally
        {
            DashboardTelemetry.RecordSync(activity, kind, outcome, Stopwatch.GetElapsedTime(started));
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
        var windowDays = Math.Max(1, reports.Value.ReportWindowDays);
        for (var page = 0; page < Options.MaxPagesPerClaim && !pull.IsComplete; page++)
        {
            var from = pull.Checkpoint;
            var to = from.AddDays(windowDays) < pull.RangeEnd ? from.AddDays(windowDays) : pull.RangeEnd;
            var (written, failure) = await store.FetchAndWriteAsync(work, reader, from, to, pull.RangeEnd, ct);
            if (written is null)
            {
                await failures.ApplyAsync(work, failure!, reader.Region, ct);
                return;
            }
            pull.Checkpoint = to;
            pull.DaysDone = Math.Min(pull.DaysAsked, pull.DaysDone + (int)Math.Ceiling((to - from).TotalDays));
            pull.GlucoseDaysWithData += written.GlucoseDays;
            pull.NoteDaysWithData += written.NoteDays;
            pull.CarbohydratesDaysWithData += written.CarbohydrateDays;
            pull.InsulinDaysWithData += written.InsulinDays;
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
        // Late uploads change past days (reference §7): re-read whole days before the newest stored reading.
        var anchor = state.LastReadingAt ?? work.Pull?.RangeEnd ?? now.AddDays(-1);
        var from = anchor.Date.AddDays(-Math.Max(0, Options.OngoingOverlapDays));
        if (work.Pull is { } pull && from < pull.RangeStart)
        {
            from = pull.RangeStart; // re-read late days, never reach further back than the history that was asked for
        }
        var (reader, error) = await readers.OpenAsync(work, ct);
        if (reader is null)
        {
            await failures.ApplyAsync(work, error!, SyncRegions.ApiRegionOf(work.Connection), ct);
            return;
        }
        var newestBefore = state.LastReadingAt;
        var (written, failure) = await store.FetchAndWriteAsync(work, reader, from, now, now, ct);
        if (written is null)
        {
            await failures.ApplyAsync(work, failure!, reader.Region, ct);
            return;
        }
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
}
