namespace LibreView.Client;

/// <summary>Where a reading of the Daily Log comes from: <c>Days[].Glucose</c> (historic, automatic) or <c>Days[].SensorScans</c>.</summary>
public enum GlucoseRecordType { Historic = 0, Scan = 1 }

/// <param name="Timestamp">Device wall-clock time, <see cref="DateTimeKind.Unspecified"/>, never converted (reference §7).</param>
/// <param name="Value">The value in <paramref name="Unit"/>, as the report gave it.</param>
public sealed record GlucoseReading(DateTime Timestamp, double Value, GlucoseUnit Unit, GlucoseRecordType Type);

public enum NoteKind { Food, RapidInsulin, LongInsulin, Note }

/// <param name="Timestamp">Device wall-clock time, floating.</param>
/// <param name="Carbs">Grams, for <see cref="NoteKind.Food"/>.</param>
/// <param name="Units">Insulin units, for the insulin kinds.</param>
/// <param name="Text">Free text, for <see cref="NoteKind.Note"/>.</param>
public sealed record NoteEntry(DateTime Timestamp, NoteKind Kind, double? Carbs, double? Units, string? Text);

/// <summary>One Daily Log report: readings, scans and logged entries of [<see cref="From"/>, <see cref="To"/>) in floating time.</summary>
/// <param name="TimeOffsetMinutes">The primary device's offset from UTC (<c>dataSources[].timeOffsetMinutes</c>), when LibreView gave it.</param>
/// <param name="UnknownDayKeys">Keys of <c>Days[]</c> this client does not read; logged, never a failure.</param>
public sealed record DailyLog(
    DateTime From,
    DateTime To,
    IReadOnlyList<GlucoseReading> Glucose,
    IReadOnlyList<NoteEntry> Notes,
    int? TimeOffsetMinutes,
    IReadOnlyList<string> UnknownDayKeys);

/// <summary>The signed-in account as <c>GET /user</c> shows it (§3.1).</summary>
public sealed record LibreViewAccount(string UserId, string? Email, string? AccountType, IReadOnlyList<Practice> Practices, LibreViewPerson? Person = null)
{
    /// <summary>A professional account: one with practices that is not a patient (reference §10 Q11).</summary>
    public bool IsProfessional => AccountType != "pat" && Practices.Count > 0;
}

/// <param name="Id">LibreView's practice UUID.</param>
/// <param name="PracticeId">The human Practice ID patients type in the app.</param>
public sealed record Practice(string Id, string PracticeId, string Name);

public sealed record PracticePatient(string PatientId, string FirstName, string LastName, string Email, string PracticeId, DateOnly? DateOfBirth = null)
{
    public LibreViewPerson Person => new(FirstName, LastName, DateOfBirth);
}

/// <summary>
/// The name and date of birth an account shares: a patient's own <c>user</c> (<c>firstName</c>, <c>lastName</c>,
/// <c>dateOfBirth</c>, §3.1) or a practice patient (<c>firstName</c>, <c>lastName</c>, <c>dob</c>, §4.4).
/// </summary>
public sealed record LibreViewPerson(string? FirstName, string? LastName, DateOnly? DateOfBirth)
{
    /// <summary>"First Last", or null when the account shares no name.</summary>
    public string? FullName => string.Join(' ', new[] { FirstName, LastName }.Select(n => n?.Trim()).Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } full
        ? full
        : null;

    /// <summary>Without the name and date of birth, so a log line never carries them.</summary>
    public override string ToString() => "LibreViewPerson { … }";
}

/// <summary>One day of a Daily Log as the parser reads it, given to the caller before the next day is parsed.</summary>
public sealed record DailyLogDay(IReadOnlyList<GlucoseReading> Glucose, IReadOnlyList<NoteEntry> Notes);
