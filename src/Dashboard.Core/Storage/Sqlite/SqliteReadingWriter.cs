using System.Data;
using System.Text;
using System.Threading.Channels;
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
internal sealed class SqliteReadingWriter(IDbContextFactory<DashboardDbContext> contexts, SqliteCheckpoints checkpoints) : ReadingWriter
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
        await using var open = await OpenWrite.StartAsync(contexts, userId, connectionId, source, SqliteCommitMode.Durable, ct);
        open.Add(readings, notes, ct);
        await open.CommitAsync(alongside, ct);
        return Summarize(readings, notes);
    }

    /// <summary>
    /// The pieces go through a queue to a writer task that opens the transaction at the first piece and binds rows while
    /// the caller reads the next (on two cores, a 90-day report's parse and its store overlap instead of adding up).
    /// The write lock is therefore held from the first piece to the commit, not while the report is fetched. It commits
    /// as <see cref="SqliteCommitMode.DurableWithNextCommit"/>, and the log is checkpointed after it in the background.
    /// </summary>
    public override StreamedWrite Begin(Guid userId, Guid? connectionId, string source, CancellationToken ct = default) =>
        new QueuedWrite(contexts, checkpoints, userId, connectionId, source, ct);

    /// <summary>One open <c>BEGIN IMMEDIATE</c> transaction and the statements that add rows to it.</summary>
    private sealed class OpenWrite : IAsyncDisposable
    {
        private readonly DashboardDbContext _db;
        private readonly SqliteTransaction _transaction;
        private readonly Rows<ReadingInput> _readings;
        private readonly Rows<NoteInput> _notes;

        private OpenWrite(DashboardDbContext db, SqliteTransaction transaction, sqlite3 handle, string user, string? connection, string source)
        {
            _db = db;
            _transaction = transaction;
            _readings = new Rows<ReadingInput>(handle, ReadingShape, user, connection, source, static (statement, r, first) =>
            {
                SqliteNumbers.Int64(statement, first, StoreTime.ToTicks(r.Timestamp));
                SqliteNumbers.Int32(statement, first + 1, (int)r.Kind);
                SqliteNumbers.Double(statement, first + 2, GlucoseUnits.ToMgPerDl(r.MeasuredValue, r.MeasuredUnit));
                SqliteNumbers.Double(statement, first + 3, r.MeasuredValue);
                SqliteNumbers.Int32(statement, first + 4, (int)r.MeasuredUnit);
                BindText(statement, first + 5, r.DeviceSerial);
            });
            _notes = new Rows<NoteInput>(handle, NoteShape, user, connection, source, static (statement, n, first) =>
            {
                SqliteNumbers.Int64(statement, first, StoreTime.ToTicks(n.Timestamp));
                SqliteNumbers.Int32(statement, first + 1, (int)n.Kind);
                if (n.Amount is { } amount)
                {
                    SqliteNumbers.Double(statement, first + 2, amount);
                }
                else
                {
                    SqliteNumbers.Null(statement, first + 2);
                }
                BindText(statement, first + 3, n.Text);
            });
        }

        public static async Task<OpenWrite> StartAsync(IDbContextFactory<DashboardDbContext> contexts, Guid userId, Guid? connectionId, string source,
            SqliteCommitMode mode, CancellationToken ct)
        {
            var db = await contexts.CreateDbContextAsync(ct);
            try
            {
                await db.Database.OpenConnectionAsync(ct); // through EF, so the store's connection settings apply
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                if (mode == SqliteCommitMode.DurableWithNextCommit)
                {
                    await ExecuteAsync(connection, SqliteConnectionSettings.DurableWithNextCommitPragmas, ct);
                }
                // Serializable and not deferred: BEGIN IMMEDIATE takes the write lock up front (with the driver's busy retries),
                // so the statements below never meet SQLITE_BUSY half-way.
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                // Guids are stored as upper-case text, as EF writes them.
                return new OpenWrite(db, transaction, connection.Handle!, userId.ToString().ToUpperInvariant(),
                    connectionId?.ToString().ToUpperInvariant(), source);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        /// <summary>Adds rows to the transaction; <paramref name="tally"/> counts each reading as it is bound (a piece's
        /// rows may be converted as they are read, <see cref="MappedList{TSource, T}"/>, so they are read once).</summary>
        public void Add(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct, WriteTally? tally = null)
        {
            _readings.Add(readings, ct, tally is null ? null : tally.Add);
            _notes.Add(notes, ct);
            tally?.AddNotes(notes.Count);
        }

        public async Task CommitAsync(WriteAlongside? alongside, CancellationToken ct)
        {
            _readings.Flush();
            _notes.Flush();
            await SaveAlongsideAsync(_db, _transaction, alongside, ct);
            await _transaction.CommitAsync(ct);
        }

        /// <summary>Without a commit, the transaction rolls back as it is disposed.</summary>
        public async ValueTask DisposeAsync()
        {
            _readings.Dispose();
            _notes.Dispose();
            await _transaction.DisposeAsync();
            await _db.DisposeAsync(); // back to the pool: SqliteConnectionSettings makes its next user commit durably again
        }

        private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed class QueuedWrite(IDbContextFactory<DashboardDbContext> contexts, SqliteCheckpoints checkpoints,
        Guid userId, Guid? connectionId, string source, CancellationToken ct)
        : StreamedWrite
    {
        private readonly Channel<(IReadOnlyList<ReadingInput> Readings, IReadOnlyList<NoteInput> Notes)> _pieces =
            Channel.CreateUnbounded<(IReadOnlyList<ReadingInput>, IReadOnlyList<NoteInput>)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        private readonly WriteTally _tally = new(); // counted by the writer task, read after it has finished
        private Task<OpenWrite>? _writer;
        private bool _committed;

        protected override void Store(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes)
        {
            _writer ??= Task.Run(() => WriteQueuedAsync(_stop.Token));
            _pieces.Writer.TryWrite((readings, notes));
        }

        private async Task<OpenWrite> WriteQueuedAsync(CancellationToken token)
        {
            var open = await OpenWrite.StartAsync(contexts, userId, connectionId, source, SqliteCommitMode.DurableWithNextCommit, token);
            try
            {
                await foreach (var (readings, notes) in _pieces.Reader.ReadAllAsync(token))
                {
                    open.Add(readings, notes, token, _tally);
                }
                return open;
            }
            catch
            {
                await open.DisposeAsync();
                throw;
            }
        }

        public override async Task<WriteSummary> CommitAsync(WriteAlongside? alongside = null, CancellationToken ct = default)
        {
            _pieces.Writer.TryComplete();
            _writer ??= Task.Run(() => WriteQueuedAsync(_stop.Token)); // nothing added: the alongside work still commits
            var open = await _writer;
            await open.CommitAsync(alongside, ct);
            _committed = true;
            checkpoints.Request();
            return _tally.Summary;
        }

        public override async ValueTask DisposeAsync()
        {
            _pieces.Writer.TryComplete();
            if (_writer is not null)
            {
                if (!_committed) await _stop.CancelAsync();
                try
                {
                    await (await _writer).DisposeAsync();
                }
                catch (Exception) when (!_committed)
                {
                    // Abandoned (stopped above, or failed on its own): nothing of it is stored. A failure of its own was
                    // thrown by CommitAsync when the caller committed; a caller that did not is dropping the rows anyway.
                }
            }
            _stop.Dispose();
        }
    }

    /// <summary>Binds one row's own values, starting at parameter <c>first</c>.</summary>
    private delegate void BindRow<in T>(sqlite3_stmt statement, T row, int first);

    /// <summary>
    /// Rows of one table on their way into full statements of <see cref="RowsPerStatement"/> rows; <see cref="Flush"/>
    /// writes the rest through one shorter statement. SQLite applies the upsert row by row, so rows that repeat a key
    /// keep the last one.
    /// </summary>
    private sealed class Rows<T>(sqlite3 handle, StatementShape shape, string user, string? connection, string source, BindRow<T> bind) : IDisposable
    {
        private readonly List<T> _pending = new(RowsPerStatement);
        private sqlite3_stmt? _full;

        public void Add(IReadOnlyList<T> rows, CancellationToken ct, Action<T>? observe = null)
        {
            for (var i = 0; i < rows.Count; i++) // by index: no enumerator per piece, and a MappedList converts each row once here
            {
                var row = rows[i];
                _pending.Add(row);
                observe?.Invoke(row);
                if (_pending.Count < RowsPerStatement) continue;
                ct.ThrowIfCancellationRequested();
                _full ??= Prepare(handle, shape, RowsPerStatement, user, connection, source);
                BindPending(_full);
            }
        }

        public void Flush()
        {
            if (_pending.Count == 0) return;
            using var rest = Prepare(handle, shape, _pending.Count, user, connection, source);
            BindPending(rest);
        }

        private void BindPending(sqlite3_stmt statement)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                bind(statement, _pending[i], shape.FirstParameterOf(i));
            }
            Step(handle, statement);
            _pending.Clear();
        }

        public void Dispose() => _full?.Dispose();
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
            SqliteNumbers.Null(statement, index);
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
