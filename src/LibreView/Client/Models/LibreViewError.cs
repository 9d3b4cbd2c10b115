namespace LibreView.Client;

/// <summary>Every way a LibreView call can fail. Each failure maps to exactly one kind.</summary>
public enum LibreViewErrorKind
{
    /// <summary>Wrong email or password (<c>status 2 notAuthenticated</c>). Never retried.</summary>
    CredentialError,
    /// <summary>The password is past its expiry; the patient must change it in the LibreLink app or on LibreView.</summary>
    PasswordExpired,
    /// <summary>The region asked for, or the region LibreView redirected to, is not one this client serves.</summary>
    UnsupportedRegion,
    /// <summary>Too many requests; retry after <see cref="LibreViewError.RetryAfter"/>.</summary>
    RateLimited,
    /// <summary>Too many failed logins; the account is locked for <see cref="LibreViewError.RetryAfter"/>.</summary>
    LockedOut,
    /// <summary>LibreView answered with something unexpected: 5xx after retries, a refused app version, a broken body.</summary>
    ProviderApiError,
    /// <summary>Login needs a two-factor code; <see cref="LibreViewError.Mfa"/> holds the challenge to complete.</summary>
    MfaRequired,
    /// <summary>The two-factor code was wrong; the same challenge may be tried again.</summary>
    IncorrectMfaCode,
    /// <summary>The ticket expired and no credentials were given to log in again.</summary>
    SessionExpired,
    /// <summary>The patient is unknown or not visible to this account (<c>couldNotLoadPatient</c>).</summary>
    PatientNotFound,
}

public sealed record LibreViewError(LibreViewErrorKind Kind, string Message)
{
    /// <summary>For <see cref="LibreViewErrorKind.RateLimited"/> and <see cref="LibreViewErrorKind.LockedOut"/>: how long to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For <see cref="LibreViewErrorKind.MfaRequired"/>: the challenge to pass to <see cref="ILibreViewClient.CompleteMfaAsync"/>.</summary>
    public MfaChallenge? Mfa { get; init; }

    public override string ToString() => $"{Kind}: {Message}";
}
