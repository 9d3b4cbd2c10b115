namespace LibreView.Client;

/// <summary>
/// A logged-in LibreView session. Plain data, serialisable with System.Text.Json, so the product can store it
/// (encrypted) and resume later without logging in again.
/// </summary>
/// <param name="Region">The resolved region, after any redirect.</param>
/// <param name="Token">The bearer ticket; replaced by the <c>ticket</c> of every answer.</param>
/// <param name="ExpiresAt">When the ticket expires.</param>
/// <param name="UserId">LibreView's <c>user.id</c>.</param>
/// <param name="AccountId">The <c>account-id</c> header value: SHA-256 hex of <paramref name="UserId"/>.</param>
/// <param name="TrustedDeviceToken">Given after a two-factor login that asked to remember the device; lets later logins skip the code.</param>
/// <param name="TrustedDeviceIssuedAt">When that token was issued (it holds about 14 days, reference §2.4).</param>
/// <param name="AcceptedDocuments">Documents (<c>tou</c>, <c>pp</c>) this login accepted for the person, to record with the connection.</param>
/// <param name="Person">
/// The name and date of birth the login's <c>user</c> shares, for the patient's profile; never serialised, so a stored
/// session carries no personal data beyond what it needs.
/// </param>
public sealed record LibreViewSession(
    string Region,
    string Token,
    DateTimeOffset ExpiresAt,
    string UserId,
    string AccountId,
    string? TrustedDeviceToken = null,
    DateTimeOffset? TrustedDeviceIssuedAt = null,
    IReadOnlyList<string>? AcceptedDocuments = null,
    [property: System.Text.Json.Serialization.JsonIgnore] LibreViewPerson? Person = null)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Without the ticket or trusted device, so a session can be logged safely.</summary>
    public override string ToString() => $"LibreViewSession {{ Region = {Region}, UserId = {UserId}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <param name="Email">The LibreView account email.</param>
/// <param name="Password">The account password.</param>
/// <param name="Region">Where to start; LibreView redirects to the account's home region. Null: the configured default.</param>
/// <param name="TrustedDeviceToken">From an earlier two-factor login, to skip the code.</param>
public sealed record LibreViewCredentials(string Email, string Password, string? Region = null, string? TrustedDeviceToken = null)
{
    /// <summary>Without the password.</summary>
    public override string ToString() => $"LibreViewCredentials {{ Email = {Email}, Region = {Region} }}";
}

/// <summary>Who is behind a login: decides which steps the client may answer (reference §2.2, §8).</summary>
public enum LoginPurpose
{
    /// <summary>The person is here (a patient linking, an admin signing a practice account in): documents are accepted, a code is sent.</summary>
    Interactive,
    /// <summary>Nobody is here (a renewal, a sync): any step that needs the person fails with <see cref="LibreViewErrorKind.ReauthenticationRequired"/>.</summary>
    Unattended,
}

/// <summary>A pending two-factor step whose code has been sent. Serialisable, so it can wait between two requests of a link flow.</summary>
/// <param name="StepToken">The newest step ticket (from <c>sendcode</c>).</param>
/// <param name="Method"><c>sms</c> or <c>email</c>: where the code went.</param>
/// <param name="Hint">The masked target, as LibreView showed it.</param>
/// <param name="UsesPrimaryMethod">Whether the code went by the account's primary method.</param>
/// <param name="OtherMethod">The other method the code can be sent by, if the account has one.</param>
/// <param name="AcceptedDocuments">Documents (tou, pp) accepted earlier in this login, for the connection's events.</param>
public sealed record MfaChallenge(
    string Region,
    string StepToken,
    DateTimeOffset ExpiresAt,
    string Method,
    string Hint,
    bool UsesPrimaryMethod,
    MfaTarget Primary,
    MfaTarget? Secondary,
    IReadOnlyList<string> AcceptedDocuments)
{
    public MfaTarget? OtherMethod => UsesPrimaryMethod ? Secondary : Primary;

    public override string ToString() => $"MfaChallenge {{ Region = {Region}, Method = {Method}, Hint = {Hint}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <param name="Method"><c>sms</c> (LibreView says <c>phone</c>) or <c>email</c>.</param>
/// <param name="Hint">The masked phone number or address.</param>
public sealed record MfaTarget(string Method, string Hint);
