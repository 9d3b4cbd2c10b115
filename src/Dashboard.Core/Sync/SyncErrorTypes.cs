using Dashboard.Core.Linking;
using LibreView.Client;

namespace Dashboard.Core.Sync;

/// <summary>The <c>error_details.error_type</c> values of historical pulls and sync attempts.</summary>
public static class SyncErrorTypes
{
    public const string RateLimitExceeded = "provider_rate_limit_exceeded";
    public const string ProviderUnavailable = "provider_unavailable";
    public const string TransportFailure = "transport_failure";
    public const string RetryQuotaExhausted = "retry_quota_exhausted";
    public const string AccountLocked = "provider_account_locked";
    public const string CredentialError = LinkErrorTypes.ProviderCredentialError;
    public const string PasswordExpired = LinkErrorTypes.ProviderPasswordExpired;
    public const string UserNotFound = LinkErrorTypes.UserNotFound;
    /// <summary>A renewal login met a step that needs the patient (two-factor, new terms): they must connect again.</summary>
    public const string TokenRefreshFailed = "token_refresh_failed";

    /// <summary>
    /// The retryable kind of a failure. The client reports 5xx, unreadable bodies and unreachable hosts all as
    /// <see cref="LibreViewErrorKind.ProviderApiError"/>; only its "could not be reached" message tells transport apart.
    /// </summary>
    public static string OfTransient(LibreViewError error) => error.Kind switch
    {
        LibreViewErrorKind.RegionBlocked or LibreViewErrorKind.AccountThrottled => RateLimitExceeded,
        LibreViewErrorKind.LockedOut => AccountLocked,
        LibreViewErrorKind.ProviderApiError when error.Message.Contains("could not be reached", StringComparison.Ordinal) => TransportFailure,
        _ => ProviderUnavailable,
    };
}
