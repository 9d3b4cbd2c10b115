namespace Dashboard.Core.Events.Webhooks;

/// <summary>The event types of DESIGN §6 an endpoint can subscribe to, plus the admin's test event.</summary>
public static class WebhookEventTypes
{
    public static IReadOnlyList<string> Subscribable { get; } =
    [
        EventTypes.ConnectionCreated,
        EventTypes.ConnectionError,
        EventTypes.HistoricalGlucoseCreated,
        "historical.data.note.created",
        "historical.data.carbohydrates.created",
        "historical.data.insulin_injection.created",
        EventTypes.DailyGlucoseCreated,
        "daily.data.glucose.updated",
        "daily.data.note.created",
        "daily.data.note.updated",
        "daily.data.carbohydrates.created",
        "daily.data.carbohydrates.updated",
        "daily.data.insulin_injection.created",
        "daily.data.insulin_injection.updated",
    ];

    public static IReadOnlyList<string> All { get; } = [.. Subscribable, WebhookTestEvent.Type];
}
