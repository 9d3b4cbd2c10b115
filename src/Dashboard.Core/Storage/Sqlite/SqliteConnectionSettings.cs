using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// <c>PRAGMA synchronous=FULL</c> on every store connection: in WAL mode each commit waits until the log is on disk, so
/// what the API answered 200 for survives a power cut. NORMAL skipped that fsync and lost acknowledged users after a
/// damaged log (issue #18); bulk writes commit once per batch, so FULL costs them little (docs/durability.md).
/// <para><c>PRAGMA busy_timeout</c>: a writer that finds the write lock taken waits inside SQLite, which retries within a
/// millisecond or two of the lock's release. Without it Microsoft.Data.Sqlite answers SQLITE_BUSY by sleeping 150 ms
/// before each retry, and concurrent syncs spent most of their time asleep (issue 19: a sampled profile of the sync at
/// scale had 18 % of all thread time in that sleep).</para>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>
    /// The busy timeout is as long as a command may take (the connection string's default timeout, 30 s). The automatic
    /// checkpoint is SQLite's default, stated because <see cref="DurableWithNextCommitPragmas"/> turns it off.
    /// </summary>
    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=1000;";

    /// <summary>
    /// <see cref="SqliteCommitMode.DurableWithNextCommit"/> for one connection until it is closed: <see cref="Pragmas"/>
    /// are applied again on every open, pooled or not, so its next user commits durably. Its log is checkpointed by
    /// <see cref="SqliteCheckpoints"/>.
    /// </summary>
    public const string DurableWithNextCommitPragmas = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
