using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Core.Storage;

/// <summary>
/// Tells a store that cannot take writes (disk full, read-only file or database, lost rights, no I/O) from a
/// refusal of the data itself (a unique index): the first is the operator's problem and answers 503, never "already exists".
/// </summary>
public static class StoreWriteFailures
{
    // SQLite primary result codes: https://sqlite.org/rescode.html
    private const int SqlitePermission = 3, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    public static bool IsUnwritable(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqlitePermission or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen:
                    return true;
                // 53…: insufficient resources (53100 disk full); 42501: rights revoked; 25006: read-only transaction;
                // 58…: system or I/O error; 57P03: the server cannot accept connections now.
                case PostgresException pg when pg.SqlState.StartsWith("53", StringComparison.Ordinal) || pg.SqlState.StartsWith("58", StringComparison.Ordinal)
                                                || pg.SqlState is "42501" or "25006" or "57P03":
                    return true;
            }
        }
        return false;
    }

    /// <summary>What a caller is told: nothing was saved, and it is not their fault.</summary>
    public const string Message = "The store cannot save changes right now (it is full, read-only or has lost its rights); nothing was saved. Try again later.";
}

internal static class StoreWriteProbeLimits
{
    public const int InstanceLength = 100;
}

/// <summary>A row <c>/health</c> adds (and then drops this instance's older ones), so a store that stopped taking new rows is reported.</summary>
public sealed class StoreWriteProbe
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Instance { get; set; }
    public DateTime WrittenAt { get; set; }
}

/// <summary>
/// A real committed write for <c>/health</c> (a new <see cref="StoreWriteProbe"/> row: new rows are what a full disk or
/// lost rights refuse first): false, and a warning logged, when the store does not take it.
/// </summary>
public sealed class StoreWritability(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, ILogger<StoreWritability> logger)
{
    private readonly string _instance = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", StoreWriteProbeLimits.InstanceLength);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[^length..];

    public async Task<bool> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var probe = new StoreWriteProbe { Instance = _instance, WrittenAt = time.GetUtcNow().UtcDateTime };
            db.StoreWriteProbes.Add(probe);
            await db.SaveChangesAsync(ct);
            await db.StoreWriteProbes.Where(p => p.Instance == _instance && p.Id != probe.Id).ExecuteDeleteAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or SqliteException or NpgsqlException || StoreWriteFailures.IsUnwritable(e))
        {
            logger.LogWarning(e, "The store did not take a write");
            return false;
        }
    }
}
