namespace Dashboard.Core.Events;

/// <summary>An event as raised, with an increasing id; its JSON envelope is what webhooks receive.</summary>
public sealed class StoredEvent
{
    public long Id { get; set; }
    public required string EventType { get; set; }
    public Guid TeamId { get; set; }
    public Guid? UserId { get; set; }
    public string? ClientUserId { get; set; }

    /// <summary>The <c>data</c> object of the envelope, as JSON.</summary>
    public required string DataJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class EventTypes
{
    public const string ConnectionCreated = "provider.connection.created";
    public const string ConnectionError = "provider.connection.error";
    public const string HistoricalGlucoseCreated = "historical.data.glucose.created";
    public const string DailyGlucoseCreated = "daily.data.glucose.created";

    /// <summary>
    /// Ours, not Junction's: LibreView's new terms of use or privacy policy were accepted for the patient while they
    /// linked (reference §2.2). Kept in the patient's event history for the record; never sent to webhooks.
    /// </summary>
    public const string LibreViewDocumentsAccepted = "libreview.documents.accepted";
}
