using System.Data;
using System.Data.Common;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Glucose.Store;

/// <summary>
/// The fast path for readings and notes (DESIGN §10): prepared statements in one transaction, each an
/// idempotent upsert on the natural key. Provider-specific SQL lives only here.
/// </summary>
public sealed class ReadingWriter(IDbContextFactory<DashboardDbContext> contexts)
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

    public async Task<WriteSummary> WriteAsync(
        Guid userId, Guid? connectionId, string source,
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // through EF, so the store's connection settings apply
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);

        var days = new HashSet<DateOnly>();
        DateTime? last = null;
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
                days.Add(DateOnly.FromDateTime(r.Timestamp));
                if (last is null || r.Timestamp > last)
                {
                    last = r.Timestamp;
                }
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
        return new WriteSummary(readings.Count, notes.Count, days.Order().ToList(), last);
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
