using System.Globalization;
using Dashboard.Core.Connections;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Patients;

/// <summary>
/// The connection card's line that says since when a connection is in its state (<see cref="ConnectionTimeline.Since"/>,
/// whose English it keeps word for word), in the console's language. Times are UTC, written as Core writes them.
/// </summary>
public static class ConnectionSinceText
{
    public static string Of(IStringLocalizer<ConsoleText> L, ConnectionHealth health, DateTime linkedAt, DateTime? erroredAt) => health switch
    {
        ConnectionHealth.Connected => L["Connection.Since.Connected", Utc(linkedAt)],
        ConnectionHealth.AwaitingShare => L["Connection.Since.AwaitingShare", Utc(linkedAt)],
        _ when erroredAt is { } stopped => L["Connection.Since.Stopped", Utc(linkedAt), Utc(stopped)],
        _ => L["Connection.Since.NotSyncing", Utc(linkedAt)],
    };

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
