namespace Dashboard.Core.Glucose.Store;

/// <summary>How a reading was taken: LibreView record type 0 (historic, automatic) or 1 (scan).</summary>
public enum ReadingKind
{
    Automatic = 0,
    ManualScan = 1,
}

/// <summary>Where stored data came from.</summary>
public static class DataSources
{
    public const string LibreView = "libreview";
    public const string CsvImport = "csv_import";
}

/// <summary>
/// One glucose reading of a patient on floating time (DESIGN §7): the device's wall clock, never converted.
/// Identified by (user, timestamp, kind): writing the same reading again updates it, never duplicates it.
/// </summary>
public sealed class StoredReading
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public Guid? ConnectionId { get; set; }

    /// <summary>Floating local time (<see cref="DateTimeKind.Unspecified"/>).</summary>
    public DateTime Timestamp { get; set; }
    public ReadingKind Kind { get; set; }

    /// <summary>Canonical value in mg/dL (mmol/L × 18.0182).</summary>
    public double ValueMgdl { get; set; }

    /// <summary>The value and unit as the device measured it; ranges are judged in this unit (DESIGN §8).</summary>
    public double MeasuredValue { get; set; }
    public GlucoseUnit MeasuredUnit { get; set; }
    public string? DeviceSerial { get; set; }
    public required string Source { get; set; }
}

public enum NoteKind
{
    Note = 0,
    Carbohydrates = 1,
    RapidActingInsulin = 2,
    LongActingInsulin = 3,
}

/// <summary>
/// One note entry as the device recorded it (exact floating time). The hourly samples of the API are
/// always recomputed from these, so a re-sync or re-import never double counts.
/// </summary>
public sealed class StoredNote
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public Guid? ConnectionId { get; set; }
    public DateTime Timestamp { get; set; }
    public NoteKind Kind { get; set; }

    /// <summary>Grams for carbohydrates, units for insulin; null for a text note.</summary>
    public double? Amount { get; set; }
    public string? Text { get; set; }
    public required string Source { get; set; }
}
