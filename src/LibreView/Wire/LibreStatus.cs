namespace LibreView.Wire;

/// <summary>Values of the envelope's <c>status</c> field and the messages seen with them.</summary>
public static class LibreStatus
{
    public const int Ok = 0;
    public const int NotAuthenticated = 2;
    /// <summary>Either a login step (<c>data.step</c>) or an error such as <c>couldNotLoadPatient</c> (<c>error.message</c>).</summary>
    public const int StepOrError = 4;
    public const int Locked = 429;
    public const int MinimumVersion = 920;

    public const string NotAuthenticatedMessage = "notAuthenticated";
    public const string CouldNotLoadPatient = "couldNotLoadPatient";
    public const string IncorrectCode = "incorrectCode";
    public const string LockedMessage = "locked";
    public const string RequiredHeaderMissing = "RequiredHeaderMissing";
    public const string Unauthorized = "Unauthorized";

    /// <summary>Login step types (<c>data.step.type</c>).</summary>
    public const string StepTermsOfUse = "tou";
    public const string StepPrivacyPolicy = "pp";
    public const string StepTwoFactor = "2fa";
    public const string StepPasswordExpired = "passwordExpired";
}
