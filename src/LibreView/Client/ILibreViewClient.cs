namespace LibreView.Client;

/// <summary>
/// The LibreView web and Pro API as the product uses it (reference §1–§4, §8). No method throws for a LibreView
/// failure: each returns a <see cref="LibreViewResult{T}"/> with one typed <see cref="LibreViewError"/>. Data methods
/// take an optional <c>renewWith</c>: when LibreView refuses the ticket they log in again once, unattended (so a step
/// that needs the person fails with <see cref="LibreViewErrorKind.ReauthenticationRequired"/>), and return the new
/// session in <see cref="LibreViewResult{T}.Session"/>. Every answer's <c>ticket</c> replaces the session's token.
/// </summary>
public interface ILibreViewClient
{
    /// <summary>
    /// Logs in at the credentials' start region, follows redirects, and walks the <c>status 4</c> steps. In an
    /// <see cref="LoginPurpose.Interactive"/> login, terms of use and privacy policy are accepted and a two-factor step
    /// sends the code by the primary method, ending in <see cref="LibreViewErrorKind.MfaRequired"/> with the challenge.
    /// </summary>
    Task<LibreViewResult<LibreViewSession>> LoginAsync(LibreViewCredentials credentials, LoginPurpose purpose, CancellationToken ct = default);

    /// <summary>Sends the code again, by the primary method or the other one (<c>POST /auth/continue/2fa/sendcode</c>).</summary>
    Task<LibreViewResult<MfaChallenge>> SendCodeAsync(MfaChallenge challenge, bool usePrimaryMethod, CancellationToken ct = default);

    /// <summary>Checks the code (<c>POST /auth/continue/2fa/result</c>); asks LibreView to remember the device when configured.</summary>
    Task<LibreViewResult<LibreViewSession>> CompleteMfaAsync(MfaChallenge challenge, string code, CancellationToken ct = default);

    /// <summary><c>GET /user</c>: the account, and for a professional account its practices.</summary>
    Task<LibreViewResult<LibreViewAccount>> GetAccountAsync(
        LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default);

    /// <summary>
    /// The Daily Log of [<paramref name="from"/>, <paramref name="to"/>) in floating (device) time, through the report
    /// pipeline: report settings, <c>POST /reports</c>, channel, long-poll, report HTML. <paramref name="patientId"/>
    /// null reads the signed-in patient; a practice session passes the patient's id.
    /// <paramref name="onDay"/>, when given, receives each day of the report as soon as it is parsed, before the result
    /// (which still holds every day); when the result is a failure, what it received must be dropped.
    /// </summary>
    Task<LibreViewResult<DailyLog>> GetDailyLogAsync(
        LibreViewSession session, string? patientId, DateTime from, DateTime to,
        LibreViewCredentials? renewWith = null, Action<DailyLogDay>? onDay = null, CancellationToken ct = default);

    /// <summary>
    /// Finds the patient with this email among a practice session's patients: pages through <c>POST /dashboard</c>
    /// and confirms with <c>GET /patients/{id}</c>. With <paramref name="practiceId"/>, only a patient of that practice
    /// (matched case-insensitively) counts. Not found: <see cref="LibreViewErrorKind.PatientNotFound"/>.
    /// </summary>
    Task<LibreViewResult<PracticePatient>> FindPatientAsync(
        LibreViewSession session, string email, string? practiceId,
        LibreViewCredentials? renewWith = null, CancellationToken ct = default);
}
