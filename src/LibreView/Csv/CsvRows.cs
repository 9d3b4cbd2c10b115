namespace LibreView.Csv;

/// <summary>
/// A glucose (or ketone) value as written in the export: floating local time (Kind Unspecified),
/// the value in the unit it was measured in, that unit, the record type and the device serial.
/// Ketone rows (type 3) are always mmol/L.
/// </summary>
public sealed record CsvReading(
    DateTime Timestamp,
    double Value,
    GlucoseUnit Unit,
    RecordType RecordType,
    string SerialNumber);

/// <summary>
/// An insulin, food or note row (types 4–6) that carries something. Empty type 6 rows, which LibreView
/// writes for device events, are counted in <see cref="LibreViewCsvParseResult.RowsPerRecordType"/> only.
/// </summary>
public sealed record CsvNoteEntry(
    DateTime Timestamp,
    RecordType RecordType,
    string SerialNumber,
    double? CarbohydratesGrams = null,
    double? CarbohydrateServings = null,
    double? RapidActingInsulinUnits = null,
    double? LongActingInsulinUnits = null,
    string? FoodDescription = null,
    string? Text = null)
{
    public bool HasContent =>
        CarbohydratesGrams is not null || CarbohydrateServings is not null || RapidActingInsulinUnits is not null
        || LongActingInsulinUnits is not null || FoodDescription is not null || Text is not null;
}

/// <summary>A row that was left out, with its 1-based physical line number in the file and why.</summary>
public sealed record CsvRejectedRow(int LineNumber, string Reason);

/// <summary>One (device, serial number) pair seen in the export, in order of first appearance.</summary>
public sealed record CsvDevice(string Name, string SerialNumber);
