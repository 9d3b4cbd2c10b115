using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Benchmarks.Runner;

/// <summary>
/// What-if for the write path: <c>PRAGMA synchronous=NORMAL</c> on every store connection EF opens (in WAL mode a
/// commit then appends to the WAL without waiting for fsync; a power loss can lose the last commits, never corrupt).
/// </summary>
public sealed class SynchronousNormal : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
