namespace Dashboard.Core.Glucose.Store;

/// <summary>A reading to write; <see cref="Timestamp"/> is floating local time.</summary>
public readonly record struct ReadingInput(DateTime Timestamp, ReadingKind Kind, double MeasuredValue, GlucoseUnit MeasuredUnit, string? DeviceSerial = null);

/// <summary>A note entry to write.</summary>
public readonly record struct NoteInput(DateTime Timestamp, NoteKind Kind, double? Amount, string? Text);

/// <summary>What a write changed: counts and the local days touched (for <c>daily.data.glucose.created</c>).</summary>
public sealed record WriteSummary(int ReadingsWritten, int NotesWritten, IReadOnlyList<DateOnly> DaysTouched, DateTime? LastReading);
