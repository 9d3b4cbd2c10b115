namespace LibreView.Client;

/// <summary>
/// A logged-in LibreView session. Plain data, serialisable with System.Text.Json, so the product can store it
/// (encrypted) and resume later without logging in again.
/// </summary>
/// <param name="Region">The resolved region, after any redirect.</param>
/// <param name="Token">The bearer ticket.</param>
/// <param name="ExpiresAt">When the ticket expires.</param>
/// <param name="UserId">LibreView's <c>user.id</c>.</param>
/// <param name="AccountId">The <c>Account-Id</c> header value: SHA-256 hex of <paramref name="UserId"/>.</param>
/// <param name="TrustedDeviceToken">Given after a two-factor login; lets a later login skip the code.</param>
public sealed record LibreViewSession(
    string Region,
    string Token,
    DateTimeOffset ExpiresAt,
    string UserId,
    string AccountId,
    string? TrustedDeviceToken = null)
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

/// <summary>A pending two-factor step. Serialisable, so it can wait between two requests of a link flow.</summary>
/// <param name="Method"><c>sms</c> or <c>email</c>.</param>
/// <param name="Hint">The masked target, e.g. <c>j***@example.org</c> or <c>+44 *** *** 123</c>.</param>
public sealed record MfaChallenge(string Region, string StepToken, DateTimeOffset ExpiresAt, string Method, string Hint)
{
    public override string ToString() => $"MfaChallenge {{ Region = {Region}, Method = {Method}, Hint = {Hint}, ExpiresAt = {ExpiresAt:O} }}";
}
