using System.Text.RegularExpressions;
using Dashboard.Core.Linking;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Link;

/// <summary>
/// A link error as the Link widget tells it, in the patient's language. Core words every error in English
/// (<see cref="LinkErrorTypes.Message"/> and a few sentences of its own for particular cases); the widget knows each of
/// those sentences by its error type or by the <see cref="LinkErrorTypes"/> constant that names it (the two sentences
/// with values in them by their pattern) and shows the console's text for it. A sentence it does not know — LibreView's
/// own words when it asks the patient to act on their account — is shown as Core gave it.
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
        if (coreMessage.StartsWith(LinkErrorTypes.PracticeAccountSignedOut, StringComparison.Ordinal))
        {
            return L["LinkError.PracticeUnavailable"] + coreMessage[LinkErrorTypes.PracticeAccountSignedOut.Length..];
        }
        if (RegionNotServed().Match(coreMessage) is { Success: true } region)
        {
            return L["LinkError.RegionNotServed", region.Groups[1].Value, region.Groups[2].Value];
        }
        return coreMessage switch
        {
            LinkErrorTypes.EnterEmailAndPassword => L["LinkError.EnterEmailAndPassword"],
            LinkErrorTypes.EnterEmail => L["LinkError.EnterEmail"],
            LinkErrorTypes.NoMfaStepWaiting => L["LinkError.NoMfaWaiting"],
            LinkErrorTypes.CodeNotResent => L["LinkError.CodeNotSent"],
            LinkErrorTypes.CodeNotNumeric => L["LinkError.NumericCode"],
            LinkErrorTypes.LockedOut => L["LinkError.LockedOut"],
            LinkErrorTypes.RegionBlocked => L["LinkError.RegionBlocked"],
            LinkErrorTypes.AccountThrottled => L["LinkError.Throttled"],
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

    [GeneratedRegex(@"^'(.*)' is not a region this care team serves\. Choose one of: (.*)\.$")]
    private static partial Regex RegionNotServed();

    [GeneratedRegex(@"^Not shared yet: in the LibreLink app, add the practice (.+) \(([A-Z0-9]+)\)\. The connection completes by itself once the practice can see your data\.$")]
    private static partial Regex NotSharedYet();
}
