using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// <c>PRAGMA synchronous=FULL</c> on every store connection: in WAL mode each commit waits until the log is on disk, so
/// what the API answered 200 for survives a power cut. NORMAL skipped that fsync and lost acknowledged users after a
/// damaged log (issue #18); bulk writes commit once per batch, so FULL costs them little (docs/durability.md).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=FULL;";

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
