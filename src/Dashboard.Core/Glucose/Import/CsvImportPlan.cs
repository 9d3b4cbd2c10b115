using System.Globalization;
using Dashboard.Core.Glucose.Store;
using LibreView.Csv;

namespace Dashboard.Core.Glucose.Import;

/// <summary>
/// What importing a parsed LibreView export stores, decided once so the preview says exactly what the import
/// writes. Readings: historic rows (record type 0) become <see cref="ReadingKind.Automatic"/>, scans (type 1)
/// <see cref="ReadingKind.ManualScan"/>; strip (2) and ketone (3) rows are not CGM glucose readings and are
/// left out. Of readings sharing a timestamp and kind the first in the file is kept, as the metrics do (DESIGN §8).
/// Notes: carbohydrates in grams, rapid- and long-acting insulin in units, free text. A food entry with
/// servings but no grams becomes a text note ("carbohydrates: 2 servings"): the serving size (10, 12 or 15 g)
/// is a setting of the reader that the export does not carry, so no grams are invented. Entries of one kind
/// at the same timestamp are combined (amounts summed, texts joined with "; "), because the store keeps one
/// per (timestamp, kind); re-importing the same file therefore writes the same rows again.
/// </summary>
public sealed class CsvImportPlan
{
    /// <summary>The store's limit for a note's text.</summary>
    public const int MaxNoteTextLength = 2000;

    private CsvImportPlan(
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, int duplicateReadings,
        int stripReadingsLeftOut, int ketoneReadingsLeftOut, int servingsOnlyFoodEntries, int combinedNoteEntries)
    {
        Readings = readings;
        Notes = notes;
        DuplicateReadings = duplicateReadings;
        StripReadingsLeftOut = stripReadingsLeftOut;
        KetoneReadingsLeftOut = ketoneReadingsLeftOut;
        ServingsOnlyFoodEntries = servingsOnlyFoodEntries;
        CombinedNoteEntries = combinedNoteEntries;
        AutomaticReadings = readings.Count(r => r.Kind == ReadingKind.Automatic);
        ScanReadings = readings.Count - AutomaticReadings;
    }

    public static CsvImportPlan Empty { get; } = new([], [], 0, 0, 0, 0, 0);

    /// <summary>Readings to write, in file order, at most one per (timestamp, kind).</summary>
    public IReadOnlyList<ReadingInput> Readings { get; }

    /// <summary>Notes to write, in order of first appearance, at most one per (timestamp, kind).</summary>
    public IReadOnlyList<NoteInput> Notes { get; }

    public int AutomaticReadings { get; }

    public int ScanReadings { get; }

    public int NotesOf(NoteKind kind) => Notes.Count(n => n.Kind == kind);

    /// <summary>Historic or scan rows left out because an earlier row has the same timestamp and kind.</summary>
    public int DuplicateReadings { get; }

    public int StripReadingsLeftOut { get; }

    public int KetoneReadingsLeftOut { get; }

    /// <summary>Food entries with servings and no grams, stored as text notes.</summary>
    public int ServingsOnlyFoodEntries { get; }

    /// <summary>Note entries folded into an earlier entry of the same kind at the same timestamp.</summary>
    public int CombinedNoteEntries { get; }

    public bool IsEmpty => Readings.Count == 0 && Notes.Count == 0;

    /// <summary>One sentence for each thing of the file that is not stored as it stands (none when all is).</summary>
    public IReadOnlyList<string> Remarks =>
    [
        .. Remark(StripReadingsLeftOut, "strip readings left out: they are not CGM readings"),
        .. Remark(KetoneReadingsLeftOut, "ketone readings left out: they are not glucose readings"),
        .. Remark(DuplicateReadings, "readings left out: an earlier row has the same time and kind (the first is kept)"),
        .. Remark(ServingsOnlyFoodEntries, "food entries in servings without grams kept as text notes: the export does not say how many grams a serving is"),
        .. Remark(CombinedNoteEntries, "note entries combined with an earlier one of the same kind at the same time"),
    ];

    /// <summary>The plan of a parsed export; a refused export (<see cref="LibreViewCsvParseResult.Error"/>) has an empty plan.</summary>
    public static CsvImportPlan From(LibreViewCsvParseResult export)
    {
        if (!export.Succeeded) return Empty;
        var readings = new List<ReadingInput>();
        var seen = new HashSet<(DateTime, ReadingKind)>();
        int duplicates = 0, strips = 0, ketones = 0;
        foreach (var reading in export.Readings)
        {
            if (KindOf(reading.RecordType) is not { } kind)
            {
                if (reading.RecordType == RecordType.Strip) strips++;
                else ketones++;
                continue;
            }

            if (!seen.Add((reading.Timestamp, kind)))
            {
                duplicates++;
                continue;
            }

            readings.Add(new ReadingInput(reading.Timestamp, kind, reading.Value, reading.Unit,
                reading.SerialNumber.Length > 0 ? reading.SerialNumber : null));
        }

        var notes = new NoteCombiner();
        var servingsOnly = 0;
        foreach (var entry in export.Notes)
        {
            if (entry.CarbohydratesGrams is null && entry.CarbohydrateServings is not null) servingsOnly++;
            foreach (var note in NotesOf(entry)) notes.Add(note);
        }

        return new CsvImportPlan(readings, notes.ToList(), duplicates, strips, ketones, servingsOnly, notes.Combined);
    }

    private static IEnumerable<string> Remark(int count, string what) => count > 0 ? [$"{count} {what}"] : [];

    private static ReadingKind? KindOf(RecordType type) => type switch
    {
        RecordType.Historic => ReadingKind.Automatic,
        RecordType.Scan => ReadingKind.ManualScan,
        _ => null,
    };

    /// <summary>The store notes of one insulin, food or note row.</summary>
    private static IEnumerable<NoteInput> NotesOf(CsvNoteEntry entry)
    {
        var time = entry.Timestamp;
        if (entry.CarbohydratesGrams is { } grams)
        {
            yield return new NoteInput(time, NoteKind.Carbohydrates, grams, entry.FoodDescription);
        }
        else if (entry.CarbohydrateServings is { } servings)
        {
            var text = $"carbohydrates: {Number(servings)} serving{(servings == 1 ? "" : "s")}";
            yield return new NoteInput(time, NoteKind.Note, null, entry.FoodDescription is { } food ? $"{text} ({food})" : text);
        }
        else if (entry.FoodDescription is { } food)
        {
            yield return new NoteInput(time, NoteKind.Note, null, $"food: {food}");
        }

        if (entry.RapidActingInsulinUnits is { } rapid) yield return new NoteInput(time, NoteKind.RapidActingInsulin, rapid, null);
        if (entry.LongActingInsulinUnits is { } longActing) yield return new NoteInput(time, NoteKind.LongActingInsulin, longActing, null);
        if (entry.Text is { } noteText) yield return new NoteInput(time, NoteKind.Note, null, noteText);
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Keeps one note per (timestamp, kind): amounts summed, texts joined with "; ", in file order.</summary>
    private sealed class NoteCombiner
    {
        private readonly List<NoteInput> _notes = [];
        private readonly Dictionary<(DateTime, NoteKind), int> _index = [];

        public int Combined { get; private set; }

        public void Add(NoteInput note)
        {
            if (!_index.TryGetValue((note.Timestamp, note.Kind), out var at))
            {
                _index[(note.Timestamp, note.Kind)] = _notes.Count;
                _notes.Add(note with { Text = Limit(note.Text) });
                return;
            }

            var earlier = _notes[at];
            _notes[at] = earlier with
            {
                Amount = earlier.Amount is null && note.Amount is null ? null : (earlier.Amount ?? 0) + (note.Amount ?? 0),
                Text = Limit(earlier.Text is null ? note.Text : note.Text is null ? earlier.Text : $"{earlier.Text}; {note.Text}"),
            };
            Combined++;
        }

        public List<NoteInput> ToList() => _notes;

        private static string? Limit(string? text) => text is { Length: > MaxNoteTextLength } ? text[..MaxNoteTextLength] : text;
    }
}
