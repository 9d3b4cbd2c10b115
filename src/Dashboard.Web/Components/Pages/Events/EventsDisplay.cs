using System.Globalization;
using Dashboard.Core.Events.Webhooks;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Events;

/// <summary>How the events page shows delivery states (times are StaffTime's).</summary>
public static class EventsDisplay
{
    public static Color ColorOf(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Succeeded => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Warning,
        WebhookDeliveryStatus.Dead => Color.Error,
        _ => Color.Default,
    };

    public static string NameOf(WebhookDeliveryStatus status) => status.ToString().ToLowerInvariant();

    public static string Answer(int? statusCode) => statusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer";

    public static string EventTypesOf(IReadOnlyList<string> eventTypes) => eventTypes.Count == 0 ? "all events" : string.Join(", ", eventTypes);
}
