using Dashboard.Core.Connections;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Patients;

/// <summary>
/// The connection card's line that says since when a connection is in its state (<see cref="ConnectionTimeline.Since"/>,
/// whose English it keeps word for word), in the console's language: the text with {0}/{1} where the instants go, which
/// the card shows as staff times (the person's zone, UTC on hover) like the rest of the patient page.
/// </summary>
public static class ConnectionSinceText
{
    public static (string Format, IReadOnlyList<DateTime> Times) Of(IStringLocalizer<ConsoleText> L, ConnectionHealth health, DateTime linkedAt, DateTime? erroredAt) => health switch
    {
        ConnectionHealth.Connected => (L["Connection.Since.Connected"], [linkedAt]),
        ConnectionHealth.AwaitingShare => (L["Connection.Since.AwaitingShare"], [linkedAt]),
        _ when erroredAt is { } stopped => (L["Connection.Since.Stopped"], [linkedAt, stopped]),
        _ => (L["Connection.Since.NotSyncing"], [linkedAt]),
    };
}
