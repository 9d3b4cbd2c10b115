namespace Dashboard.Core.Linking;

/// <summary>The <c>error_type</c> values of a link response (DESIGN §4) and their plain-words messages.</summary>
public static class LinkErrorTypes
{
    public const string InvalidToken = "invalid_token";
    public const string TokenExpired = "token_expired";
    public const string TokenNotValidated = "token_not_validated";
    public const string TokenConsumed = "token_consumed";
    public const string ProviderCredentialError = "provider_credential_error";
    public const string ProviderPasswordExpired = "provider_password_expired";
    public const string ProviderApiError = "provider_api_error";
    public const string UnsupportedRegion = "unsupported_region";
    public const string DuplicateConnection = "duplicate_connection";
    public const string IncorrectMfaCode = "incorrect_mfa_code";
    public const string UserCancelled = "user_cancelled";
    public const string ProviderNotAvailable = "provider_not_available";
    public const string UserNotFound = "user_not_found";

    /// <summary>The <see cref="TokenConsumed"/> message of a token that spent its two-factor attempts.</summary>
    public static readonly string TooManyMfaCodes =
        $"That code was wrong {LinkTokenService.MaxMfaCodeAttempts} times, so this link no longer works. Ask your care team for a new link.";

    /// <summary>What a patient or staff member is told, and what to do next.</summary>
    public static string Message(string errorType) => errorType switch
    {
        InvalidToken => "This link is not valid. Ask your care team for a new link.",
        TokenExpired => "This link has expired (links last 10 minutes). Ask your care team for a new link.",
        TokenNotValidated => "This link has not been opened through the link page yet. Open the link you were sent.",
        TokenConsumed => "This link has already been used. Ask your care team for a new link if you need to connect again.",
        ProviderCredentialError => "LibreView did not accept that email and password. Check them in the LibreLink app, then try again.",
        ProviderPasswordExpired => "Your LibreView password has expired. Sign in to the LibreLink app or libreview.com, set a new password, then try again.",
        ProviderApiError => "LibreView did not answer as expected. Please try again in a few minutes.",
        UnsupportedRegion => "That region is not served for this care team. Choose one of the listed regions.",
        DuplicateConnection => "This LibreView account is already connected to another patient of this care team.",
        IncorrectMfaCode => "That code is not right. Check the latest code LibreView sent you and try again.",
        UserCancelled => "Connecting was cancelled.",
        ProviderNotAvailable => "Abbott LibreView sign-in is not available for new connections. Share your LibreView account with the practice instead (FreeStyle Libre).",
        UserNotFound => "We could not find a patient sharing with the practice yet.",
        _ => "Something went wrong while connecting.",
    };
}
