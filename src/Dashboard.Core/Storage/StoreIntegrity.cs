using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>What the last integrity check of the store found; <see cref="Problems"/> is empty when it is sound.</summary>
public sealed record StoreIntegrityReport(IReadOnlyList<string> Problems, DateTimeOffset CheckedAt)
{
    public bool Sound => Problems.Count == 0;
}

/// <summary>
/// Runs SQLite's <c>PRAGMA quick_check</c> (every page and b-tree, without cross-checking indexes against tables) at
/// start-up and for <c>/health</c>, logging damage as an error, so a damaged file is reported instead of silently
/// serving what is left of it. <c>/health</c> re-checks at most every <see cref="RecheckAfter"/>.
/// </summary>
public sealed class StoreIntegrity(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, ILogger<StoreIntegrity> logger)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(5);
    private const int MaxProblemsListed = 10;

    private readonly SemaphoreSlim _oneCheckAtATime = new(1, 1);
    private StoreIntegrityReport? _last;

    /// <summary>The last report when it is recent enough, otherwise a new check.</summary>
    public async Task<StoreIntegrityReport> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var last = _last;
        return last is not null && time.GetUtcNow() - last.CheckedAt < RecheckAfter ? last : await CheckAsync(cancellationToken);
    }

    public async Task<StoreIntegrityReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _oneCheckAtATime.WaitAsync(cancellationToken);
        try
        {
            var report = new StoreIntegrityReport(await ProblemsAsync(cancellationToken), time.GetUtcNow());
            if (!report.Sound)
            {
                logger.LogError("The store failed its integrity check: {Problems}. Restore it from a backup; until then data may be missing or wrong.",
                    string.Join("; ", report.Problems));
            }
            _last = report;
            return report;
        }
        finally
        {
            _oneCheckAtATime.Release();
        }
    }

    private async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return [];
        }
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA quick_check({MaxProblemsListed})";
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(reader.GetString(0));
                }
            }
            return rows is ["ok"] ? [] : rows;
        }
        catch (SqliteException e)
        {
            return [e.Message];
        }
    }
}
