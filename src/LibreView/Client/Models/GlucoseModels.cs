namespace LibreView.Client;

public enum GlucoseUnit { MmolPerL = 0, MgPerDl = 1 }

/// <summary>LibreLinkUp's item <c>type</c>: 0 historic (automatic) reading, 1 scan / current reading.</summary>
public enum GlucoseRecordType { Historic = 0, Scan = 1 }

/// <param name="Timestamp">Device wall-clock time, <see cref="DateTimeKind.Unspecified"/>, never converted.</param>
/// <param name="FactoryTimestamp">The same instant in UTC.</param>
/// <param name="Value">The value in <paramref name="Unit"/>, as the device showed it.</param>
public sealed record GlucoseReading(
    DateTime Timestamp,
    DateTimeOffset FactoryTimestamp,
    double ValueMgPerDl,
    double Value,
    GlucoseUnit Unit,
    GlucoseRecordType Type,
    int? TrendArrow,
    int MeasurementColor,
    bool IsHigh,
    bool IsLow);

public enum NoteKind { Food, RapidInsulin, LongInsulin, Note }

/// <param name="Timestamp">Device wall-clock time, floating.</param>
/// <param name="Carbs">Grams, for <see cref="NoteKind.Food"/>.</param>
/// <param name="Units">Insulin units, for the insulin kinds.</param>
/// <param name="Text">Free text, for <see cref="NoteKind.Note"/>.</param>
public sealed record NoteEntry(DateTime Timestamp, DateTimeOffset FactoryTimestamp, NoteKind Kind, double? Carbs, double? Units, string? Text);

public sealed record SensorInfo(string SerialNumber, DateTimeOffset ActivatedAt, int ProductType);

/// <summary>A patient visible to the signed-in account (themself, or a patient sharing with one of its practices).</summary>
public sealed record PatientConnection(
    string Id,
    string PatientId,
    string FirstName,
    string LastName,
    string Country,
    double TargetLow,
    double TargetHigh,
    GlucoseUnit Unit,
    SensorInfo? Sensor,
    GlucoseReading? Latest);

/// <summary>The last 12 hours of a patient.</summary>
public sealed record GraphData(PatientConnection Connection, IReadOnlyList<SensorInfo> ActiveSensors, IReadOnlyList<GlucoseReading> Points);

/// <summary>One page (at most one day) of history; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record HistoryPage(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<GlucoseReading> Glucose,
    IReadOnlyList<NoteEntry> Notes,
    string? NextCursor);

public sealed record Practice(string PracticeId, string Name, string Region);

public sealed record PracticePatient(string PatientId, string FirstName, string LastName, string Email, string PracticeId);
