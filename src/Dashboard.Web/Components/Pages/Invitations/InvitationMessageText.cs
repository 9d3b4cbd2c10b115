using Dashboard.Core.Invitations;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Invitations;

/// <summary>
/// Core's messages to a patient about their invitation link (<see cref="PatientInvitations.UnknownLink"/>,
/// <see cref="PatientInvitations.Expired"/>, whose English the keys keep word for word) in the page's language; any
/// other message is shown as Core wrote it.
/// </summary>
public static class InvitationMessageText
{
    public static string? Of(IStringLocalizer<ConsoleText> L, string? message) => message switch
    {
        PatientInvitations.UnknownLink => L["Invitations.Landing.UnknownLink"],
        PatientInvitations.Expired => L["Invitations.Landing.Expired"],
        _ => message,
    };
}
