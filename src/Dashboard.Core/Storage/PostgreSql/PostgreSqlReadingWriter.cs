using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Core.Storage.PostgreSql;

/// <summary>
/// PostgreSQL: the rows go over in one binary <c>COPY</c> into a temporary table, then one
/// <c>INSERT … ON CONFLICT</c> merges them into the store — two round trips however many rows, and a re-sync of
/// the same data stays idempotent (rows that did not change are not rewritten).
/// </summary>
internal sealed class PostgreSqlReadingWriter(IDbContextFactory<DashboardDbContext> contexts) : ReadingWriter
{
    // The batch may repeat a key (a page overlapping itself); DISTINCT ON keeps the last one, as row-by-row upserts would.
    private const string ReadingBatch = """
        CREATE TEMP TABLE reading_batch ("Seq" integer, "Timestamp" bigint, "Kind" integer, "ValueMgdl" double precision,
            "MeasuredValue" double precision, "MeasuredUnit" integer, "DeviceSerial" text) ON COMMIT DROP
        """;

    private const string CopyReadings = """
        COPY reading_batch ("Seq", "Timestamp", "Kind", "ValueMgdl", "MeasuredValue", "MeasuredUnit", "DeviceSerial") FROM STDIN (FORMAT BINARY)
        """;

    private const string MergeReadings = """
        INSERT INTO "Readings" ("UserId", "ConnectionId", "Timestamp", "Kind", "ValueMgdl", "MeasuredValue", "MeasuredUnit", "DeviceSerial", "Source")
        SELECT DISTINCT ON ("Timestamp", "Kind") @user, @connection, "Timestamp", "Kind", "ValueMgdl", "MeasuredValue", "MeasuredUnit", "DeviceSerial", @source
        FROM reading_batch ORDER BY "Timestamp", "Kind", "Seq" DESC
        ON CONFLICT ("UserId", "Timestamp", "Kind") DO UPDATE SET
            "ConnectionId" = excluded."ConnectionId", "ValueMgdl" = excluded."ValueMgdl", "MeasuredValue" = excluded."MeasuredValue",
            "MeasuredUnit" = excluded."MeasuredUnit", "DeviceSerial" = excluded."DeviceSerial", "Source" = excluded."Source"
        WHERE ("Readings"."ConnectionId", "Readings"."ValueMgdl", "Readings"."MeasuredValue", "Readings"."MeasuredUnit", "Readings"."DeviceSerial", "Readings"."Source")
            IS DISTINCT FROM (excluded."ConnectionId", excluded."ValueMgdl", excluded."MeasuredValue", excluded."MeasuredUnit", excluded."DeviceSerial", excluded."Source")
        """;

    private const string NoteBatch = """
        CREATE TEMP TABLE note_batch ("Seq" integer, "Timestamp" bigint, "Kind" integer, "Amount" double precision, "Text" text) ON COMMIT DROP
        """;

    private const string CopyNotes = """
        COPY note_batch ("Seq", "Timestamp", "Kind", "Amount", "Text") FROM STDIN (FORMAT BINARY)
        """;

    private const string MergeNotes = """
        INSERT INTO "Notes" ("UserId", "ConnectionId", "Timestamp", "Kind", "Amount", "Text", "Source")
        SELECT DISTINCT ON ("Timestamp", "Kind") @user, @connection, "Timestamp", "Kind", "Amount", "Text", @source
        FROM note_batch ORDER BY "Timestamp", "Kind", "Seq" DESC
        ON CONFLICT ("UserId", "Timestamp", "Kind") DO UPDATE SET
            "ConnectionId" = excluded."ConnectionId", "Amount" = excluded."Amount", "Text" = excluded."Text", "Source" = excluded."Source"
        WHERE ("Notes"."ConnectionId", "Notes"."Amount", "Notes"."Text", "Notes"."Source")
            IS DISTINCT FROM (excluded."ConnectionId", excluded."Amount", excluded."Text", excluded."Source")
        """;

    public override async Task<WriteSummary> WriteAsync(
        Guid userId, Guid? connectionId, string source,
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default,
        WriteAlongside? alongside = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(ct);

        if (readings.Count > 0)
        {
            await ExecuteAsync(connection, ReadingBatch, ct);
            await using (var importer = await connection.BeginBinaryImportAsync(CopyReadings, ct))
            {
                for (var i = 0; i < readings.Count; i++)
                {
                    var r = readings[i];
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(StoreTime.ToTicks(r.Timestamp), NpgsqlDbType.Bigint, ct);
                    await importer.WriteAsync((int)r.Kind, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(GlucoseUnits.ToMgPerDl(r.MeasuredValue, r.MeasuredUnit), NpgsqlDbType.Double, ct);
                    await importer.WriteAsync(r.MeasuredValue, NpgsqlDbType.Double, ct);
                    await importer.WriteAsync((int)r.MeasuredUnit, NpgsqlDbType.Integer, ct);
                    await WriteNullableAsync(importer, r.DeviceSerial, NpgsqlDbType.Text, ct);
                }
                await importer.CompleteAsync(ct);
            }
            await MergeAsync(connection, MergeReadings, userId, connectionId, source, ct);
        }

        if (notes.Count > 0)
        {
            await ExecuteAsync(connection, NoteBatch, ct);
            await using (var importer = await connection.BeginBinaryImportAsync(CopyNotes, ct))
            {
                for (var i = 0; i < notes.Count; i++)
                {
                    var n = notes[i];
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(StoreTime.ToTicks(n.Timestamp), NpgsqlDbType.Bigint, ct);
                    await importer.WriteAsync((int)n.Kind, NpgsqlDbType.Integer, ct);
                    if (n.Amount is { } amount)
                    {
                        await importer.WriteAsync(amount, NpgsqlDbType.Double, ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    await WriteNullableAsync(importer, n.Text, NpgsqlDbType.Text, ct);
                }
                await importer.CompleteAsync(ct);
            }
            await MergeAsync(connection, MergeNotes, userId, connectionId, source, ct);
        }

        await SaveAlongsideAsync(db, transaction, alongside, ct);
        await transaction.CommitAsync(ct);
        return Summarize(readings, notes);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(ct);
        }
        else
        {
            await importer.WriteAsync(value, type, ct);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task MergeAsync(NpgsqlConnection connection, string sql, Guid userId, Guid? connectionId, string source, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Uuid) { Value = userId });
        command.Parameters.Add(new NpgsqlParameter("connection", NpgsqlDbType.Uuid) { Value = (object?)connectionId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = source });
        await command.ExecuteNonQueryAsync(ct);
    }
}
