namespace LibreView.Client;

/// <summary>Every way a LibreView call can fail (reference §6). Each failure maps to exactly one kind.</summary>
public enum LibreViewErrorKind
{
    /// <summary>Wrong email or password (<c>status 2 notAuthenticated</c>). Never retried.</summary>
    CredentialError,
    /// <summary>The password is past its expiry (assumed step, §10 Q1); the patient must change it, then connect again.</summary>
    PasswordExpired,
    /// <summary>The region asked for, or the region LibreView redirected to, is not one this client serves.</summary>
    UnsupportedRegion,
    /// <summary>
    /// The region refuses this client for a while: a Cloudflare 403/429 page, an error 1015 page, an empty 430 or
    /// <c>status 911</c>. Every connection of the region waits; never a credential error.
    /// </summary>
    RegionBlocked,
    /// <summary>Too many failed logins; the account is locked for <see cref="LibreViewError.RetryAfter"/> (at least 5 minutes).</summary>
    LockedOut,
    /// <summary>LibreView answered with something unexpected: 5xx after retries, a broken body, a failed report.</summary>
    ProviderApiError,
    /// <summary>LibreView says our request was wrong (<c>ProductMismatch</c>, <c>RequiredHeaderMissing</c>): a defect of ours.</summary>
    ClientDefect,
    /// <summary>Login needs a two-factor code; <see cref="LibreViewError.Mfa"/> holds the challenge, the code already sent.</summary>
    MfaRequired,
    /// <summary>The two-factor code was not accepted; the same challenge may be tried again or the code sent again.</summary>
    IncorrectMfaCode,
    /// <summary>
    /// An unattended login (a renewal) met a step that needs the person: two-factor (the trusted device expired),
    /// new terms of use or privacy policy, or an e-mail to confirm. The patient must connect again.
    /// </summary>
    ReauthenticationRequired,
    /// <summary>The account must do something on LibreView first (confirm its e-mail, an unknown step).</summary>
    AccountActionRequired,
    /// <summary>The ticket expired and no credentials were given to log in again.</summary>
    SessionExpired,
    /// <summary>The patient is unknown or not visible to this account (<c>couldNotLoadPatient</c>, or not on the dashboard).</summary>
    PatientNotFound,
    /// <summary>LibreView has no device with data for the patient, so no report can be asked for.</summary>
    NoDevice,
    /// <summary>
    /// LibreView rate-limits this account (reference §6: an HTTP 429 that is neither the lock-out answer nor a Cloudflare
    /// page): this account waits minutes, longer each time; the rest of the region carries on.
    /// </summary>
    AccountThrottled,
}

public sealed record LibreViewError(LibreViewErrorKind Kind, string Message)
{
    /// <summary>For <see cref="LibreViewErrorKind.LockedOut"/>: how long to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For <see cref="LibreViewErrorKind.MfaRequired"/>: the challenge to pass to <see cref="ILibreViewClient.CompleteMfaAsync"/>.</summary>
    public MfaChallenge? Mfa { get; init; }

    public override string ToString() => $"{Kind}: {Message}";
}
