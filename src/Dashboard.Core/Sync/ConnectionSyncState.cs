using Dashboard.Core.Connections;

namespace Dashboard.Core.Sync;

/// <summary>
/// One row per connection: when it is next due, who holds it (lease), and the summary the patient list
/// reads without computing anything per request. UTC unless the name says floating.
/// </summary>
public sealed class ConnectionSyncState
{
    public Guid ConnectionId { get; set; }
    public Connection? Connection { get; set; }

    /// <summary>When the engine should next look at the connection (pull page, ongoing sync, share re-check or retry).</summary>
    public DateTime NextDueAt { get; set; }

    /// <summary>Failures in a row; reset by a success.</summary>
    public int FailedAttempts { get; set; }
    public string? LastErrorType { get; set; }
    public string? LastErrorMessage { get; set; }

    /// <summary>The engine working on the connection, until <see cref="LeaseExpiresAt"/>.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>Floating device time of the newest stored reading.</summary>
    public DateTime? LastReadingAt { get; set; }

    /// <summary>The same reading's UTC instant: where the next ongoing sync starts (less the overlap).</summary>
    public DateTime? LastReadingUtc { get; set; }
    public DateTime? LastSuccessAt { get; set; }

    /// <summary>DESIGN §8 time in range and % time CGM active over the last 14 days, after the last sync.</summary>
    public double? TimeInRange14dPercent { get; set; }
    public double? ActivePercent14d { get; set; }
}
