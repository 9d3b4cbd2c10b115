using System.Data;
using System.Text;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// SQLite: one <c>BEGIN IMMEDIATE</c> transaction per call (one fsync at commit under <c>synchronous=FULL</c>), the rows
/// bound straight onto prepared multi-row upserts of <see cref="RowsPerStatement"/> rows. A 90-day pull is ~26,000 rows;
/// binding them one statement per row through <c>SqliteCommand</c> cost several times SQLite's own work (a data reader,
/// boxed values and UTF-8 conversions of the constant ids per row), so this path binds by position on the raw statement,
/// the constants once per statement. Rows whose values did not change are not rewritten: re-reading an overlap of days
/// changes nothing on disk.
/// </summary>
internal sealed class SqliteReadingWriter(IDbContextFactory<DashboardDbContext> contexts) : ReadingWriter
{
    /// <summary>Rows per statement: 64 × 6 values + 3 constants stays far below SQLite's variable limit.</summary>
    internal const int RowsPerStatement = 64;

    // ?1 user, ?2 connection, ?3 source; each row then binds its own values from ?4 on.
    private static readonly StatementShape ReadingShape = new(
        "INSERT INTO Readings (UserId, ConnectionId, Timestamp, Kind, ValueMgdl, MeasuredValue, MeasuredUnit, DeviceSerial, Source) VALUES ",
        ["Timestamp", "Kind", "ValueMgdl", "MeasuredValue", "MeasuredUnit", "DeviceSerial"],
        rowPrefix: "?1, ?2", rowSuffix: "?3",
        """
         ON CONFLICT (UserId, Timestamp, Kind) DO UPDATE SET
            ConnectionId = excluded.ConnectionId, ValueMgdl = excluded.ValueMgdl, MeasuredValue = excluded.MeasuredValue,
            MeasuredUnit = excluded.MeasuredUnit, DeviceSerial = excluded.DeviceSerial, Source = excluded.Source
         WHERE Readings.ConnectionId IS NOT excluded.ConnectionId OR Readings.ValueMgdl IS NOT excluded.ValueMgdl
            OR Readings.MeasuredValue IS NOT excluded.MeasuredValue OR Readings.MeasuredUnit IS NOT excluded.MeasuredUnit
            OR Readings.DeviceSerial IS NOT excluded.DeviceSerial OR Readings.Source IS NOT excluded.Source
        """);

    private static readonly StatementShape NoteShape = new(
        "INSERT INTO Notes (UserId, ConnectionId, Timestamp, Kind, Amount, Text, Source) VALUES ",
        ["Timestamp", "Kind", "Amount", "Text"],
        rowPrefix: "?1, ?2", rowSuffix: "?3",
        """
         ON CONFLICT (UserId, Timestamp, Kind) DO UPDATE SET
            ConnectionId = excluded.ConnectionId, Amount = excluded.Amount, Text = excluded.Text, Source = excluded.Source
         WHERE Notes.ConnectionId IS NOT excluded.ConnectionId OR Notes.Amount IS NOT excluded.Amount
            OR Notes.Text IS NOT excluded.Text OR Notes.Source IS NOT excluded.Source
        """);

    public override async Task<WriteSummary> WriteAsync(
        Guid userId, Guid? connectionId, string source,
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default,
        WriteAlongside? alongside = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // through EF, so the store's connection settings apply
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // Serializable and not deferred: BEGIN IMMEDIATE takes the write lock up front (with the driver's busy retries),
        // so the statements below never meet SQLITE_BUSY half-way.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var handle = connection.Handle!;
        var user = userId.ToString().ToUpperInvariant(); // Guids are stored as upper-case text, as EF writes them
        var connectionText = connectionId?.ToString().ToUpperInvariant();

        Write(handle, ReadingShape, user, connectionText, source, readings.Count, (statement, row, first) =>
        {
            var r = readings[row];
            raw.sqlite3_bind_int64(statement, first, StoreTime.ToTicks(r.Timestamp));
            raw.sqlite3_bind_int(statement, first + 1, (int)r.Kind);
            raw.sqlite3_bind_double(statement, first + 2, GlucoseUnits.ToMgPerDl(r.MeasuredValue, r.MeasuredUnit));
            raw.sqlite3_bind_double(statement, first + 3, r.MeasuredValue);
            raw.sqlite3_bind_int(statement, first + 4, (int)r.MeasuredUnit);
            BindText(statement, first + 5, r.DeviceSerial);
        }, ct);
        Write(handle, NoteShape, user, connectionText, source, notes.Count, (statement, row, first) =>
        {
            var n = notes[row];
            raw.sqlite3_bind_int64(statement, first, StoreTime.ToTicks(n.Timestamp));
            raw.sqlite3_bind_int(statement, first + 1, (int)n.Kind);
            if (n.Amount is { } amount)
            {
                raw.sqlite3_bind_double(statement, first + 2, amount);
            }
            else
            {
                raw.sqlite3_bind_null(statement, first + 2);
            }
            BindText(statement, first + 3, n.Text);
        }, ct);

        await SaveAlongsideAsync(db, transaction, alongside, ct);
        await transaction.CommitAsync(ct);
        return Summarize(readings, notes);
    }

    /// <summary>Binds one row's own values, starting at parameter <c>first</c>.</summary>
    private delegate void BindRow(sqlite3_stmt statement, int row, int first);

    /// <summary>
    /// Runs <paramref name="count"/> rows through full statements of <see cref="RowsPerStatement"/> rows, the rest
    /// through one shorter statement. SQLite applies the upsert row by row, so a batch that repeats a key keeps its last row.
    /// </summary>
    private static void Write(sqlite3 handle, StatementShape shape, string user, string? connection, string source,
        int count, BindRow bind, CancellationToken ct)
    {
        if (count == 0) return;
        var full = count >= RowsPerStatement ? Prepare(handle, shape, RowsPerStatement, user, connection, source) : null;
        try
        {
            var row = 0;
            for (; full is not null && row + RowsPerStatement <= count; row += RowsPerStatement)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < RowsPerStatement; i++)
                {
                    bind(full, row + i, shape.FirstParameterOf(i));
                }
                Step(handle, full);
            }
            if (row < count)
            {
                using var rest = Prepare(handle, shape, count - row, user, connection, source);
                for (var i = 0; row + i < count; i++)
                {
                    bind(rest, row + i, shape.FirstParameterOf(i));
                }
                Step(handle, rest);
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 handle, StatementShape shape, int rows, string user, string? connection, string source)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, shape.Sql(rows), out var statement));
        raw.sqlite3_bind_text(statement, 1, user);
        BindText(statement, 2, connection);
        raw.sqlite3_bind_text(statement, 3, source);
        return statement;
    }

    private static void Step(sqlite3 handle, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(handle, rc);
        }
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle); // the driver's own exception, with SQLite's message
        }
    }

    /// <summary>A multi-row upsert: the shared constants as ?1–?3, then each row's own values by position.</summary>
    private sealed class StatementShape(string insert, string[] rowColumns, string rowPrefix, string rowSuffix, string conflict)
    {
        private const int Constants = 3;
        private string? _full;

        public int FirstParameterOf(int rowInStatement) => Constants + 1 + rowInStatement * rowColumns.Length;

        public string Sql(int rows)
        {
            if (rows == RowsPerStatement && _full is not null) return _full;
            var sql = new StringBuilder(insert);
            for (var i = 0; i < rows; i++)
            {
                sql.Append(i == 0 ? "(" : ", (").Append(rowPrefix);
                for (var c = 0; c < rowColumns.Length; c++)
                {
                    sql.Append(", ?").Append(FirstParameterOf(i) + c);
                }
                sql.Append(", ").Append(rowSuffix).Append(')');
            }
            var text = sql.Append(conflict).ToString();
            if (rows == RowsPerStatement) _full = text;
            return text;
        }
    }
}
