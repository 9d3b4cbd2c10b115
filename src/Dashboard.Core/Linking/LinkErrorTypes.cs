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

    // The sentences below are told for particular cases instead of an error type's own message. They are named here so
    // the Link widget can tell them in the patient's language by the same constant, not by a copy of the English.
    public const string EnterEmailAndPassword = "Enter the email and password of your LibreView account.";
    public const string EnterEmail = "Enter the email address of your LibreView account.";
    public const string NoMfaStepWaiting = "No two-factor step is waiting on this link: sign in with your LibreView email and password first.";
    public const string CodeNotResent = "LibreView did not send a new code. Wait a minute, then try again.";
    public const string CodeNotNumeric = "Enter the numeric code LibreView sent you.";
    public const string LockedOut = "LibreView locked your account after several wrong passwords. Wait at least 5 minutes, then try again.";
    public const string RegionBlocked = "LibreView is not answering us right now. Please try again in an hour.";
    public const string AccountThrottled = "LibreView is limiting requests for this account. Please try again in a few minutes.";

    /// <summary>The start of the message of an email link while the practice account cannot sign in (the problem may follow).</summary>
    public const string PracticeAccountSignedOut =
        "We cannot look for your data in LibreView right now: our practice account is not signed in. Please try again later; your care team has been told.";

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
