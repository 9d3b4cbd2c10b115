using System.Globalization;

namespace Dashboard.Core.Connections;

/// <summary>The one line on a connection card that says since when it is in its state.</summary>
public static class ConnectionTimeline
{
    /// <summary>
    /// "Connected since" only for a connection that is connected; a broken one says when it was linked and when it
    /// stopped (it read "connected since" while the password had expired). Times are UTC.
    /// </summary>
    public static string Since(ConnectionHealth health, DateTime linkedAt, DateTime? erroredAt) => health switch
    {
        ConnectionHealth.Connected => $"Connected since {Utc(linkedAt)}",
        ConnectionHealth.AwaitingShare => $"Linked {Utc(linkedAt)}, waiting for the patient to share",
        _ when erroredAt is { } stopped => $"Linked {Utc(linkedAt)} · not syncing since {Utc(stopped)}",
        _ => $"Linked {Utc(linkedAt)} · not syncing",
    };

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
