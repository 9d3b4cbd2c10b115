namespace LibreView.Wire;

/// <summary>Values of the envelope's <c>status</c> field and the messages seen with them (reference §2.2, §6).</summary>
public static class LibreStatus
{
    public const int Ok = 0;
    public const int NotAuthenticated = 2;
    /// <summary>Either a login step (<c>data.step</c>) or an error such as <c>couldNotLoadPatient</c> (<c>error.message</c>).</summary>
    public const int StepOrError = 4;
    public const int Locked = 429;
    /// <summary>Maintenance, or a login at a regional server that is not the account's (§6).</summary>
    public const int Maintenance = 911;

    public const string NotAuthenticatedMessage = "notAuthenticated";
    public const string IncorrectUsernamePassword = "incorrect username/password";
    public const string CouldNotLoadPatient = "couldNotLoadPatient";
    public const string LockedMessage = "locked";
    public const string RequiredHeaderMissing = "RequiredHeaderMissing";
    public const string ProductMismatch = "ProductMismatch";
    public const string InvalidOrExpiredJwt = "invalid or expired jwt";
    /// <summary>Assumed (reference §9 and §10 Q2): the answer to a wrong two-factor code has no public capture.</summary>
    public const string IncorrectCode = "incorrectCode";

    /// <summary>Login step types (<c>data.step.type</c>).</summary>
    public const string StepTermsOfUse = "tou";
    public const string StepPrivacyPolicy = "pp";
    public const string StepTwoFactor = "2faVerify";
    public const string StepVerifyEmail = "verifyEmail";
    /// <summary>Assumed (§10 Q1): no public capture of a password-expired login exists.</summary>
    public const string StepPasswordExpired = "passwordExpired";

    /// <summary>The long-poll <c>operation</c> values (§3.3).</summary>
    public const string OperationStarted = "started";
    public const string OperationUpdate = "update";
}
