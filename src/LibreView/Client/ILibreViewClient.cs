namespace LibreView.Client;

/// <summary>
/// The LibreLinkUp API as the product uses it. No method throws for a LibreView failure: each returns a
/// <see cref="LibreViewResult{T}"/> with one typed <see cref="LibreViewError"/>. Data methods take an optional
/// <c>renewWith</c>: when the ticket has expired they log in again with it (keeping the trusted device, so no
/// new two-factor code is needed) and return the new session in <see cref="LibreViewResult{T}.Session"/>.
/// </summary>
public interface ILibreViewClient
{
    /// <summary>Logs in, following the region redirect and accepting terms of use / privacy policy steps.
    /// A two-factor step ends in <see cref="LibreViewErrorKind.MfaRequired"/> with the challenge to complete.</summary>
    Task<LibreViewResult<LibreViewSession>> LoginAsync(LibreViewCredentials credentials, CancellationToken ct = default);

    /// <summary>Sends the two-factor code for a challenge from <see cref="LoginAsync"/>.</summary>
    Task<LibreViewResult<LibreViewSession>> CompleteMfaAsync(MfaChallenge challenge, string code, CancellationToken ct = default);

    Task<LibreViewResult<IReadOnlyList<PatientConnection>>> GetConnectionsAsync(
        LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>The patient's last 12 hours.</summary>
    Task<LibreViewResult<GraphData>> GetGraphAsync(
        LibreViewSession session, string patientId, LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>Scans and alarms, newest first.</summary>
    Task<LibreViewResult<IReadOnlyList<GlucoseReading>>> GetLogbookAsync(
        LibreViewSession session, string patientId, LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>One page (at most a day) of history in [<paramref name="from"/>, <paramref name="to"/>); pass the previous page's cursor to go on.</summary>
    Task<LibreViewResult<HistoryPage>> GetHistoryPageAsync(
        LibreViewSession session, string patientId, DateTimeOffset from, DateTimeOffset to, string? cursor = null,
        LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>All history pages of [<paramref name="from"/>, <paramref name="to"/>); stops after the first failed page, which it yields.</summary>
    IAsyncEnumerable<LibreViewResult<HistoryPage>> ReadHistoryAsync(
        LibreViewSession session, string patientId, DateTimeOffset from, DateTimeOffset to,
        LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>The practices a care-team-admin account belongs to, in the session's region.</summary>
    Task<LibreViewResult<IReadOnlyList<Practice>>> GetPracticesAsync(
        LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>The patient with this email who shares with the practice (id matched case-insensitively), or <see cref="LibreViewErrorKind.PatientNotFound"/>.</summary>
    Task<LibreViewResult<PracticePatient>> FindPracticePatientAsync(
        LibreViewSession session, string practiceId, string email, LibreViewCredentials? renewWith = null, CancellationToken ct = default);
}
