using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage.Leasing;

/// <summary>
/// The one shape of the background workers that claim leased work (the sync engine, the webhook dispatcher, the mail
/// sender): run a cycle, wait for the next, until the host stops. A failed cycle is logged and the next one tries
/// again: the leases make a retry safe (work a failed cycle held is released or runs out), and one bad cycle must not
/// end the worker for the life of the process. Back-off for failed work lives in the store (<see cref="RetryBackoff"/>),
/// not here, so another instance honours it too.
/// </summary>
internal static class PollingLoop
{
    /// <param name="worker">Named in the log line of a failed cycle ("Mail outbox", "Sync").</param>
    public static async Task RunAsync(string worker, Func<CancellationToken, Task> cycle, PollPace pace, ILogger logger, CancellationToken stoppingToken)
    {
        using (pace)
        {
            try
            {
                do
                {
                    try
                    {
                        await cycle(stoppingToken);
                    }
                    catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(failure, "{Worker} cycle failed; trying again next cycle", worker);
                    }
                }
                while (await pace.WaitAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }
}

/// <summary>How a <see cref="PollingLoop"/> waits between cycles.</summary>
internal abstract class PollPace : IDisposable
{
    /// <summary>False when the loop should end.</summary>
    public abstract ValueTask<bool> WaitAsync(CancellationToken ct);

    public virtual void Dispose()
    {
    }

    /// <summary>At a fixed rate from the start, so a long cycle shortens the wait after it rather than adding to it.</summary>
    public static PollPace Every(TimeSpan interval, TimeProvider time) => new FixedRate(new PeriodicTimer(interval, time));

    /// <summary>Whatever <paramref name="wait"/> waits for (e.g. a poll interval that a signal may cut short).</summary>
    public static PollPace After(Func<CancellationToken, Task> wait) => new Custom(wait);

    private sealed class FixedRate(PeriodicTimer timer) : PollPace
    {
        public override ValueTask<bool> WaitAsync(CancellationToken ct) => timer.WaitForNextTickAsync(ct);

        public override void Dispose() => timer.Dispose();
    }

    private sealed class Custom(Func<CancellationToken, Task> wait) : PollPace
    {
        public override async ValueTask<bool> WaitAsync(CancellationToken ct)
        {
            await wait(ct);
            return true;
        }
    }
}
