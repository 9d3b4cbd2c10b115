using LibreView.Csv;

namespace Dashboard.Core.Glucose.Import;

/// <summary>Takes what the metrics need from a parsed LibreView export.</summary>
public static class CsvExportReadings
{
    /// <summary>The historic (record type 0, automatic) readings, in their measured value and unit.</summary>
    public static GlucoseReading[] Automatic(LibreViewCsvParseResult export) =>
        [.. export.Readings.Where(r => r.RecordType == RecordType.Historic).Select(r => new GlucoseReading(r.Timestamp, r.Value, r.Unit))];
}
