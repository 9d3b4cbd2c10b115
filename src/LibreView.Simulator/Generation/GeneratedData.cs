namespace LibreView.Simulator.Generation;

/// <param name="Local">Device wall-clock time (floating).</param>
/// <param name="MgPerDl">Clamped to 40 (LO) .. 500 (HI).</param>
public sealed record GeneratedReading(DateTimeOffset Utc, DateTime Local, int MgPerDl, bool IsScan, int TrendArrow);

public enum GeneratedNoteKind { Food, RapidInsulin, LongInsulin, Note }

public sealed record GeneratedNote(DateTimeOffset Utc, DateTime Local, GeneratedNoteKind Kind, double? Carbs, double? Units, string? Text);

/// <summary>A stretch with no historic readings by design: a sensor warm-up or a signal loss.</summary>
public sealed record DesignedGap(DateTimeOffset Start, DateTimeOffset End, string Reason)
{
    public bool Contains(DateTimeOffset t) => t >= Start && t < End;
}

/// <summary>One sensor session: 14 days from <see cref="Start"/>, readings after the warm-up.</summary>
public sealed record SensorSession(int Number, DateTimeOffset Start, string SerialNumber)
{
    public DateTimeOffset FirstReading => Start + SensorKind.WarmUp;
    public DateTimeOffset End => Start + SensorKind.SessionLength;
}

/// <summary>Everything generated for one UTC day.</summary>
public sealed record GeneratedDay(DateOnly UtcDate, IReadOnlyList<GeneratedReading> Historic, IReadOnlyList<GeneratedReading> Scans, IReadOnlyList<GeneratedNote> Notes);
