namespace Dashboard.Core.Glucose.Store;

/// <summary>
/// One write of readings and notes whose rows arrive in pieces (a report's days, as its parser reads them), so an
/// engine can store the first pieces while later ones are still being read: the rows of every piece commit together
/// in one transaction at <see cref="CommitAsync"/>, with the same upsert rules as <see cref="ReadingWriter.WriteAsync"/>;
/// disposed without a commit, none of them is stored. Pieces are added from one thread at a time.
/// </summary>
public abstract class StreamedWrite : IAsyncDisposable
{
    /// <summary>Whether any reading has been added (a write of notes alone leaves the summaries as they are).</summary>
    protected bool HasReadings { get; private set; }

    /// <summary>
    /// Adds one piece; the rows of a later piece win over an earlier one's with the same key, as within one list. The
    /// lists are read later, by the engine (they may convert their rows as they are read: <see cref="MappedList{TSource, T}"/>),
    /// so the caller's thread does no more than hand them over.
    /// </summary>
    public void Add(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes)
    {
        HasReadings |= readings.Count > 0;
        Store(readings, notes);
    }

    /// <summary>Commits every piece, then what <paramref name="alongside"/> adds, in one transaction (<see cref="ReadingWriter.WriteAsync"/>).</summary>
    public abstract Task<WriteSummary> CommitAsync(WriteAlongside? alongside = null, CancellationToken ct = default);

    /// <summary>Rolls back what was not committed.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Takes one piece into the engine's write.</summary>
    protected abstract void Store(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes);
}

/// <summary>What a write of some rows touched, whichever engine stores them: counts, local days, the newest reading.</summary>
internal sealed class WriteTally
{
    private readonly HashSet<DateOnly> _days = [];
    private DateTime? _last;
    private int _notes;

    public int Readings { get; private set; }

    public WriteSummary Summary => new(Readings, _notes, _days.Order().ToList(), _last);

    private DateOnly? _previousDay;

    public void Add(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes)
    {
        foreach (var r in readings) Add(r);
        AddNotes(notes.Count);
    }

    /// <summary>Counts one reading (an engine that reads each row once anyway counts it as it goes).</summary>
    public void Add(ReadingInput reading)
    {
        var day = DateOnly.FromDateTime(reading.Timestamp);
        if (day != _previousDay) _days.Add(day); // rows mostly come in time order: one set lookup per day, not per row
        _previousDay = day;
        if (_last is null || reading.Timestamp > _last) _last = reading.Timestamp;
        Readings++;
    }

    public void AddNotes(int count) => _notes += count;
}

/// <summary>An engine without a streamed path keeps the pieces and writes them in one call at the commit.</summary>
internal sealed class BufferedWrite(ReadingWriter writer, Guid userId, Guid? connectionId, string source) : StreamedWrite
{
    private readonly List<ReadingInput> _readings = [];
    private readonly List<NoteInput> _notes = [];

    protected override void Store(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes)
    {
        _readings.AddRange(readings);
        _notes.AddRange(notes);
    }

    public override Task<WriteSummary> CommitAsync(WriteAlongside? alongside = null, CancellationToken ct = default) =>
        writer.WriteAsync(userId, connectionId, source, _readings, _notes, ct, alongside);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
