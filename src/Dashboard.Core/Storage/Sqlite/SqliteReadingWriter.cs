using System.Data;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>SQLite: prepared upsert statements, executed row by row inside one transaction (in-process, so cheap).</summary>
internal sealed class SqliteReadingWriter(IDbContextFactory<DashboardDbContext> contexts) : ReadingWriter
{
    private const string UpsertReading = """
        INSERT INTO Readings (UserId, ConnectionId, Timestamp, Kind, ValueMgdl, MeasuredValue, MeasuredUnit, DeviceSerial, Source)
        VALUES ($user, $connection, $timestamp, $kind, $mgdl, $value, $unit, $serial, $source)
        ON CONFLICT (UserId, Timestamp, Kind) DO UPDATE SET
            ConnectionId = excluded.ConnectionId, ValueMgdl = excluded.ValueMgdl, MeasuredValue = excluded.MeasuredValue,
            MeasuredUnit = excluded.MeasuredUnit, DeviceSerial = excluded.DeviceSerial, Source = excluded.Source
        """;

    private const string UpsertNote = """
        INSERT INTO Notes (UserId, ConnectionId, Timestamp, Kind, Amount, Text, Source)
        VALUES ($user, $connection, $timestamp, $kind, $amount, $text, $source)
        ON CONFLICT (UserId, Timestamp, Kind) DO UPDATE SET
            ConnectionId = excluded.ConnectionId, Amount = excluded.Amount, Text = excluded.Text, Source = excluded.Source
        """;

    public override async Task<WriteSummary> WriteAsync(
        Guid userId, Guid? connectionId, string source,
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // through EF, so the store's connection settings apply
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);

        await using (var command = Prepare(connection, transaction, UpsertReading, userId, connectionId, source,
                         "$timestamp", "$kind", "$mgdl", "$value", "$unit", "$serial"))
        {
            var p = command.Parameters;
            foreach (var r in readings)
            {
                p["$timestamp"].Value = StoreTime.ToTicks(r.Timestamp);
                p["$kind"].Value = (int)r.Kind;
                p["$mgdl"].Value = GlucoseUnits.ToMgPerDl(r.MeasuredValue, r.MeasuredUnit);
                p["$value"].Value = r.MeasuredValue;
                p["$unit"].Value = (int)r.MeasuredUnit;
                p["$serial"].Value = (object?)r.DeviceSerial ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        await using (var command = Prepare(connection, transaction, UpsertNote, userId, connectionId, source,
                         "$timestamp", "$kind", "$amount", "$text"))
        {
            var p = command.Parameters;
            foreach (var n in notes)
            {
                p["$timestamp"].Value = StoreTime.ToTicks(n.Timestamp);
                p["$kind"].Value = (int)n.Kind;
                p["$amount"].Value = (object?)n.Amount ?? DBNull.Value;
                p["$text"].Value = (object?)n.Text ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        await transaction.CommitAsync(ct);
        return Summarize(readings, notes);
    }

    private static SqliteCommand Prepare(
        SqliteConnection connection, SqliteTransaction transaction, string sql,
        Guid userId, Guid? connectionId, string source, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$user", userId.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$connection", connectionId is { } id ? id.ToString().ToUpperInvariant() : DBNull.Value);
        command.Parameters.AddWithValue("$source", source);
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }
}
