namespace LibreView.Csv;

/// <summary>
/// What <see cref="LibreViewCsvParser"/> read from one file. When <see cref="Error"/> is set the file was
/// refused as a whole (not a LibreView export, binary, too large, nothing in it) and every list is empty.
/// Otherwise individual bad rows are in <see cref="RejectedRows"/> and everything else was read.
/// </summary>
public sealed class LibreViewCsvParseResult
{
    /// <summary>A one-line reason the whole file was refused, or null when it was read.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Error is null;

    /// <summary>"UTF-8" or "UTF-16LE" (and whether a byte order mark was present).</summary>
    public string Encoding { get; init; } = "";

    public ExportLayout Layout { get; init; }

    /// <summary>Device name of the first data row, e.g. "FreeStyle LibreLink" or "FreeStyle Libre 2".</summary>
    public string Device { get; init; } = "";

    /// <summary>Serial number of the first data row.</summary>
    public string SerialNumber { get; init; } = "";

    /// <summary>Every (device, serial) pair in the file, in order of first appearance.</summary>
    public IReadOnlyList<CsvDevice> Devices { get; init; } = [];

    /// <summary>Unit of the historic glucose column.</summary>
    public GlucoseUnit Unit { get; init; }

    public TimestampFormat DateFormat { get; init; } = TimestampFormat.DayMonthYear24Hour;

    /// <summary>Accepted rows per record type (every type 0–6 is present, zero when absent).</summary>
    public IReadOnlyDictionary<RecordType, int> RowsPerRecordType { get; init; } = new Dictionary<RecordType, int>();

    /// <summary>Historic, scan, strip and ketone values, in file order.</summary>
    public IReadOnlyList<CsvReading> Readings { get; init; } = [];

    /// <summary>Insulin, food and note entries that carry a value or a text, in file order.</summary>
    public IReadOnlyList<CsvNoteEntry> Notes { get; init; } = [];

    /// <summary>The first <see cref="LibreViewCsvParser.MaxRejectedRowsKept"/> rejected rows; <see cref="RejectedRowCount"/> counts them all.</summary>
    public IReadOnlyList<CsvRejectedRow> RejectedRows { get; init; } = [];

    public int RejectedRowCount { get; init; }

    /// <summary>Earliest and latest timestamp of the accepted rows; null when there are none.</summary>
    public DateTime? First { get; init; }

    public DateTime? Last { get; init; }

    internal static LibreViewCsvParseResult Refused(string reason) => new() { Error = reason };
}

/// <summary>Which generation of the LibreView export the header belongs to.</summary>
public enum ExportLayout
{
    /// <summary>"Glucose Data" title, "Device, Serial Number, Device Timestamp, …" header.</summary>
    Current,
    /// <summary>2018–19: "Export Patient's Glucose Data" title, "Meter, Serial Number, Meter Timestamp, …" header.</summary>
    Legacy,
}
