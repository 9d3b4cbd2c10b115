using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a background task, so a large write does not pay for the
/// checkpoint inside its own commit (SQLite's automatic checkpoint runs in whichever commit takes the log past 1,000
/// pages: about 7 ms of a 90-day pull's 15 ms commit). A passive checkpoint waits for no one: it copies what no reader
/// still needs and leaves the rest for the next one. Requests that arrive while one runs are folded into one more run.
/// </summary>
internal sealed class SqliteCheckpoints(IDbContextFactory<DashboardDbContext> contexts, ILogger<SqliteCheckpoints> log) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _busy;
    private bool _again;
    private bool _disposed;

    public void Request()
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_busy)
            {
                _again = true;
                return;
            }
            _busy = true;
            _running = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (Exception e)
            {
                // Not lost: the next checkpoint (this one's next request, or SQLite's automatic one) copies the same pages.
                log.LogWarning(e, "A background checkpoint of the store's write-ahead log failed");
            }
            lock (_gate)
            {
                if (!_again || _disposed)
                {
                    _busy = false;
                    return;
                }
                _again = false;
            }
        }
    }

    /// <summary>Completes when no checkpoint is under way or asked for.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task running;
            lock (_gate)
            {
                if (!_busy) return;
                running = _running;
            }
            await running;
        }
    }

    /// <summary>Waits for a checkpoint under way, so the file is not in use after the store is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            _disposed = true;
            running = _running;
        }
        await running;
    }
}
