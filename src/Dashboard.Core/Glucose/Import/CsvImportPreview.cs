using LibreView.Csv;

namespace Dashboard.Core.Glucose.Import;

/// <summary>How one record type of the export is imported, for the preview.</summary>
public sealed record RecordTypeRows(RecordType Type, int Rows, string Handling)
{
    public string Name => Type switch
    {
        RecordType.Historic => "historic glucose",
        RecordType.Scan => "scan glucose",
        RecordType.Strip => "strip glucose",
        RecordType.Ketone => "blood ketone",
        RecordType.Insulin => "insulin",
        RecordType.Food => "food",
        _ => "note",
    };
}

/// <summary>
/// What a support person sees before confirming an import: what the file is (device, serial, unit, detected
/// date format, encoding, date range), its rows per record type and what becomes of them, what the import
/// will store, and the rejected rows with their line numbers and reasons (the first few, and how many more).
/// Built from a parse result alone: nothing is stored until <see cref="CsvImporter.ImportAsync"/>.
/// </summary>
public sealed class CsvImportPreview
{
    public const int DefaultRejectedRowsShown = 20;

    /// <summary>Why the file cannot be imported (refused by the parser, or nothing in it to store); null when it can.</summary>
    public string? Error { get; private init; }

    public bool CanImport => Error is null;

    public string Device { get; private init; } = "";

    public string SerialNumber { get; private init; } = "";

    /// <summary>Every (device, serial) pair in the file; more than one when the export covers several sensors or readers.</summary>
    public IReadOnlyList<CsvDevice> Devices { get; private init; } = [];

    public GlucoseUnit Unit { get; private init; }

    public string Encoding { get; private init; } = "";

    /// <summary>The detected timestamp format, e.g. "DD-MM-YYYY HH:mm".</summary>
    public string DateFormat { get; private init; } = "";

    public DateTime? First { get; private init; }

    public DateTime? Last { get; private init; }

    /// <summary>Record types 0–6 with their accepted row counts and what the import does with them.</summary>
    public IReadOnlyList<RecordTypeRows> RecordTypes { get; private init; } = [];

    public CsvImportPlan Plan { get; private init; } = CsvImportPlan.Empty;

    public int RejectedRowCount { get; private init; }

    /// <summary>The first rejected rows, by line number.</summary>
    public IReadOnlyList<CsvRejectedRow> RejectedRowsShown { get; private init; } = [];

    public int RejectedRowsNotShown => RejectedRowCount - RejectedRowsShown.Count;

    public static CsvImportPreview From(LibreViewCsvParseResult export, int rejectedRowsShown = DefaultRejectedRowsShown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rejectedRowsShown);
        if (!export.Succeeded) return new CsvImportPreview { Error = export.Error };

        var plan = CsvImportPlan.From(export);
        return new CsvImportPreview
        {
            Error = plan.IsEmpty ? "nothing to import: the export has no historic, scan, insulin, food or note entries" : null,
            Device = export.Device,
            SerialNumber = export.SerialNumber,
            Devices = export.Devices,
            Unit = export.Unit,
            Encoding = export.Encoding,
            DateFormat = export.DateFormat.Pattern,
            First = export.First,
            Last = export.Last,
            RecordTypes = [.. Enum.GetValues<RecordType>().Select(t => new RecordTypeRows(t, export.RowsPerRecordType.GetValueOrDefault(t), Handling(t)))],
            Plan = plan,
            RejectedRowCount = export.RejectedRowCount,
            RejectedRowsShown = [.. export.RejectedRows.Take(rejectedRowsShown)],
        };
    }

    private static string Handling(RecordType type) => type switch
    {
        RecordType.Historic => "imported as automatic readings (the metrics use these)",
        RecordType.Scan => "imported as scan readings",
        RecordType.Strip => "not imported: strip readings are not CGM readings",
        RecordType.Ketone => "not imported: ketones are not glucose readings",
        RecordType.Insulin => "imported as rapid- and long-acting insulin notes",
        RecordType.Food => "imported as carbohydrate notes in grams (servings without grams as text notes)",
        _ => "imported as text notes (empty device-event rows are left out)",
    };
}
