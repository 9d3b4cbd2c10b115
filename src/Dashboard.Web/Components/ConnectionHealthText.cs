using Dashboard.Core.Connections;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components;

/// <summary>
/// A connection's health (<see cref="ConnectionHealth"/>) as people read it, in the console's language: the status chip,
/// the status filter, the overview's cards. Core's <see cref="ConnectionHealthRules.Label"/> is the English of the API.
/// </summary>
public static class ConnectionHealthText
{
    public static string Of(IStringLocalizer<ConsoleText> L, ConnectionHealth health) => health switch
    {
        ConnectionHealth.Connected => L["Health.Connected"],
        ConnectionHealth.CredentialError => L["Health.CredentialError"],
        ConnectionHealth.PasswordExpired => L["Health.PasswordExpired"],
        ConnectionHealth.AwaitingShare => L["Health.AwaitingShare"],
        ConnectionHealth.OtherError => L["Health.OtherError"],
        _ => L["Health.NotConnected"],
    };
}
