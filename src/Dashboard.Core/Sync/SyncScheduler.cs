using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sync;

/// <summary>What the linking side tells the sync side, inside the link's own unit of work.</summary>
public interface ISyncScheduler
{
    /// <summary>
    /// A link stored <paramref name="connection"/> (new or re-linked). Connected: a historical pull is scheduled
    /// at once, or an unfinished one resumes from its checkpoint. Waiting for a share: re-checked on a schedule.
    /// Adds to <paramref name="db"/> without saving.
    /// </summary>
    Task ConnectionLinkedAsync(DashboardDbContext db, Connection connection, CancellationToken ct);
}

internal sealed class SyncScheduler(IOptions<SyncOptions> options, TimeProvider time, SyncSignal signal) : ISyncScheduler
{
    public async Task ConnectionLinkedAsync(DashboardDbContext db, Connection connection, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var state = await db.SyncStates.FindAsync([connection.Id], ct);
        if (state is null)
        {
            state = new ConnectionSyncState { ConnectionId = connection.Id };
            db.SyncStates.Add(state);
        }
        state.FailedAttempts = 0;
        state.LastErrorType = null;
        state.LastErrorMessage = null;
        if (connection.Status != ConnectionStatus.Connected)
        {
            state.NextDueAt = now + options.Value.ShareRecheckInterval;
            return;
        }

        state.NextDueAt = now;
        var pull = await db.HistoricalPulls.FindAsync([connection.Id], ct);
        if (pull is null)
        {
            db.HistoricalPulls.Add(NewPull(connection.Id, now, options.Value.HistoricalDays));
        }
        else if (pull.Status != PullStatus.Success)
        {
            pull.MoveTo(PullStatus.Scheduled, now);
        }
        WakeAfterSave(db);
    }

    /// <summary>Wakes the engine once the caller's unit of work is saved, so the cycle it starts sees the new work.</summary>
    private void WakeAfterSave(DashboardDbContext db)
    {
        void Saved(object? sender, Microsoft.EntityFrameworkCore.SavedChangesEventArgs e)
        {
            db.SavedChanges -= Saved;
            signal.Wake();
        }
        db.SavedChanges += Saved;
    }

    private static HistoricalPull NewPull(Guid connectionId, DateTime now, int days)
    {
        var start = now.AddDays(-days);
        var pull = new HistoricalPull
        {
            ConnectionId = connectionId,
            RangeStart = start,
            RangeEnd = now,
            Checkpoint = start,
            DaysAsked = days,
            ScheduledAt = now,
        };
        pull.MoveTo(PullStatus.Scheduled, now);
        return pull;
    }
}

/// <summary>Wakes this process's engine early (a new link, a refresh); other instances find the work on their next poll.</summary>
public sealed class SyncSignal
{
    private TaskCompletionSource _wake = NewSource();

    public void Wake() => Interlocked.Exchange(ref _wake, NewSource()).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var wake = Volatile.Read(ref _wake).Task;
        await Task.WhenAny(wake, Task.Delay(timeout, time, ct));
        ct.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
