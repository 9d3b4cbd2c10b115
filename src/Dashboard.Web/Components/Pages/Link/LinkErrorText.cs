using System.Text.RegularExpressions;
using Dashboard.Core.Linking;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Link;

/// <summary>
/// A link error as the Link widget tells it, in the patient's language. Core words every error in English
/// (<see cref="LinkErrorTypes.Message"/> and a few sentences of its own for particular cases); the widget knows each of
/// those sentences by its error type or its exact wording and shows the console's text for it. A sentence it does not
/// know — LibreView's own words when it asks the patient to act on their account — is shown as Core gave it.
/// </summary>
public static partial class LinkErrorText
{
    public static string Of(IStringLocalizer<ConsoleText> L, string? errorType, string? coreMessage)
    {
        if (coreMessage is null || coreMessage == LinkErrorTypes.Message(errorType ?? ""))
        {
            return OfType(L, errorType);
        }
        if (coreMessage == LinkErrorTypes.TooManyMfaCodes)
        {
            return L["LinkError.TooManyMfaCodes", LinkTokenService.MaxMfaCodeAttempts];
        }
        if (coreMessage.StartsWith(PracticeUnavailablePrefix, StringComparison.Ordinal))
        {
            return L["LinkError.PracticeUnavailable"] + coreMessage[PracticeUnavailablePrefix.Length..];
        }
        if (RegionNotServed().Match(coreMessage) is { Success: true } region)
        {
            return L["LinkError.RegionNotServed", region.Groups[1].Value, region.Groups[2].Value];
        }
        return coreMessage switch
        {
            "Enter the email and password of your LibreView account." => L["LinkError.EnterEmailAndPassword"],
            "Enter the email address of your LibreView account." => L["LinkError.EnterEmail"],
            "No two-factor step is waiting on this link: sign in with your LibreView email and password first." => L["LinkError.NoMfaWaiting"],
            "LibreView did not send a new code. Wait a minute, then try again." => L["LinkError.CodeNotSent"],
            "Enter the numeric code LibreView sent you." => L["LinkError.NumericCode"],
            "LibreView locked your account after several wrong passwords. Wait at least 5 minutes, then try again." => L["LinkError.LockedOut"],
            "LibreView is not answering us right now. Please try again in an hour." => L["LinkError.RegionBlocked"],
            "LibreView is limiting requests for this account. Please try again in a few minutes." => L["LinkError.Throttled"],
            _ => coreMessage,
        };
    }

    /// <summary>The "not shared yet" note of a connection that waits for the patient to share with the practice.</summary>
    public static string AwaitingShare(IStringLocalizer<ConsoleText> L, string? coreMessage) =>
        coreMessage is not null && NotSharedYet().Match(coreMessage) is { Success: true } found
            ? L["Link.NotSharedYet", found.Groups[1].Value, found.Groups[2].Value]
            : coreMessage ?? "";

    private static string OfType(IStringLocalizer<ConsoleText> L, string? errorType) => errorType switch
    {
        LinkErrorTypes.InvalidToken => L["LinkError.InvalidToken"],
        LinkErrorTypes.TokenExpired => L["LinkError.TokenExpired"],
        LinkErrorTypes.TokenNotValidated => L["LinkError.TokenNotValidated"],
        LinkErrorTypes.TokenConsumed => L["LinkError.TokenConsumed"],
        LinkErrorTypes.ProviderCredentialError => L["LinkError.ProviderCredentialError"],
        LinkErrorTypes.ProviderPasswordExpired => L["LinkError.ProviderPasswordExpired"],
        LinkErrorTypes.ProviderApiError => L["LinkError.ProviderApiError"],
        LinkErrorTypes.UnsupportedRegion => L["LinkError.UnsupportedRegion"],
        LinkErrorTypes.DuplicateConnection => L["LinkError.DuplicateConnection"],
        LinkErrorTypes.IncorrectMfaCode => L["LinkError.IncorrectMfaCode"],
        LinkErrorTypes.UserCancelled => L["LinkError.UserCancelled"],
        LinkErrorTypes.ProviderNotAvailable => L["LinkError.ProviderNotAvailable"],
        LinkErrorTypes.UserNotFound => L["LinkError.UserNotFound"],
        _ => L["LinkError.Unknown"],
    };

    private const string PracticeUnavailablePrefix =
        "We cannot look for your data in LibreView right now: our practice account is not signed in. Please try again later; your care team has been told.";

    [GeneratedRegex(@"^'(.*)' is not a region this care team serves\. Choose one of: (.*)\.$")]
    private static partial Regex RegionNotServed();

    [GeneratedRegex(@"^Not shared yet: in the LibreLink app, add the practice (.+) \(([A-Z0-9]+)\)\. The connection completes by itself once the practice can see your data\.$")]
    private static partial Regex NotSharedYet();
}
