using Dashboard.Core.Glucose.Store;
using LibreView.Client;
using StoreNoteKind = Dashboard.Core.Glucose.Store.NoteKind;

namespace Dashboard.Core.Sync;

/// <summary>How a Daily Log's readings and entries become the store's rows: historic readings are automatic, scans manual.</summary>
public static class LibreViewRows
{
    /// <summary>Adds one parsed day to a streamed write; its rows are converted by the write's engine as it stores them.</summary>
    public static void AddTo(StreamedWrite rows, DailyLogDay day) =>
        rows.Add(new MappedList<GlucoseReading, ReadingInput>(day.Glucose, ToInput), new MappedList<NoteEntry, NoteInput>(day.Notes, ToInput));

    public static ReadingInput ToInput(GlucoseReading r) => new(
        r.Timestamp,
        r.Type == GlucoseRecordType.Historic ? ReadingKind.Automatic : ReadingKind.ManualScan,
        r.Value,
        r.Unit);

    public static NoteInput ToInput(NoteEntry n) => n.Kind switch
    {
        LibreView.Client.NoteKind.Food => new NoteInput(n.Timestamp, StoreNoteKind.Carbohydrates, n.Carbs, null),
        LibreView.Client.NoteKind.RapidInsulin => new NoteInput(n.Timestamp, StoreNoteKind.RapidActingInsulin, n.Units, null),
        LibreView.Client.NoteKind.LongInsulin => new NoteInput(n.Timestamp, StoreNoteKind.LongActingInsulin, n.Units, null),
        _ => new NoteInput(n.Timestamp, StoreNoteKind.Note, null, n.Text),
    };
}
