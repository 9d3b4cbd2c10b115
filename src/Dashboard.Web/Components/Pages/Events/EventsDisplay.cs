using System.Globalization;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Events;

/// <summary>How the events page shows delivery states, in the console's language (times are StaffTime's).</summary>
public static class EventsDisplay
{
    public static Color ColorOf(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Succeeded => Color.Success,
        WebhookDeliveryStatus.Failed => Color.Warning,
        WebhookDeliveryStatus.Dead => Color.Error,
        _ => Color.Default,
    };

    public static string NameOf(IStringLocalizer<ConsoleText> L, WebhookDeliveryStatus status) => L[status switch
    {
        WebhookDeliveryStatus.Succeeded => ConsoleText.Key("Webhooks.Status.Succeeded"),
        WebhookDeliveryStatus.Failed => ConsoleText.Key("Webhooks.Status.Failed"),
        WebhookDeliveryStatus.Dead => ConsoleText.Key("Webhooks.Status.Dead"),
        _ => ConsoleText.Key("Webhooks.Status.Pending"),
    }];

    /// <summary>The receiver's HTTP status code (a number, not text), or that it did not answer.</summary>
    public static string Answer(IStringLocalizer<ConsoleText> L, int? statusCode) =>
        statusCode?.ToString(CultureInfo.InvariantCulture) ?? L["Webhooks.NoAnswer"];

    /// <summary>The event types an endpoint subscribes to (machine names), or that it receives them all.</summary>
    public static string EventTypesOf(IStringLocalizer<ConsoleText> L, IReadOnlyList<string> eventTypes) =>
        eventTypes.Count == 0 ? L["Webhooks.AllEvents"] : string.Join(", ", eventTypes);
}
