using System.Data.Common;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Glucose.Store;

/// <summary>What a write runs inside its own transaction, on the context that holds it (<see cref="ReadingWriter.WriteAsync"/>).</summary>
public delegate Task WriteAlongside(DashboardDbContext db, CancellationToken ct);

/// <summary>
/// The fast path for readings and notes (DESIGN §10): one transaction per call, each row an idempotent upsert on
/// its natural key (user, timestamp, kind), so writing the same data again changes nothing. Each store engine has
/// its own implementation (<c>Storage/Sqlite</c>, <c>Storage/PostgreSql</c>); provider-specific SQL lives only there.
/// </summary>
public abstract class ReadingWriter
{
    /// <param name="alongside">
    /// Work in the same transaction as the rows, after them (an import's audit entry, the patient's triage summaries,
    /// which read the rows just written): what it adds through EF is stored with the readings or, if anything fails,
    /// neither is.
    /// </param>
    public abstract Task<WriteSummary> WriteAsync(
        Guid userId, Guid? connectionId, string source,
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default,
        WriteAlongside? alongside = null);

    /// <summary>
    /// Starts a write whose rows come in pieces (<see cref="StreamedWrite"/>); nothing is stored until its commit. An
    /// engine that can write pieces as they come overrides this; otherwise they are kept and written at the commit.
    /// </summary>
    public virtual StreamedWrite Begin(Guid userId, Guid? connectionId, string source, CancellationToken ct = default) =>
        new BufferedWrite(this, userId, connectionId, source);

    /// <summary>Saves what <paramref name="alongside"/> adds through EF, inside the engine's own open transaction.</summary>
    protected static async Task SaveAlongsideAsync(DashboardDbContext db, DbTransaction transaction, WriteAlongside? alongside, CancellationToken ct)
    {
        if (alongside is null) return;
        await db.Database.UseTransactionAsync(transaction, ct);
        await alongside(db, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What a write of these rows touched, whichever engine stored them.</summary>
    protected static WriteSummary Summarize(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes)
    {
        var tally = new WriteTally();
        tally.Add(readings, notes);
        return tally.Summary;
    }
}
