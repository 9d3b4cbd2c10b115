using Dashboard.Core.Events.Webhooks;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Events;

/// <summary>
/// A refused webhook action in the console's language, worded from Core's outcome code (Core's
/// <see cref="WebhookActionResult.Error"/> is invariant English, for logs). In English it is Core's text exactly.
/// </summary>
public static class WebhookText
{
    /// <summary>Null when the action was done.</summary>
    public static string? Refusal(IStringLocalizer<ConsoleText> L, WebhookActionResult result) => result.Outcome switch
    {
        WebhookActionOutcome.Done => null,
        WebhookActionOutcome.TeamNotInScope => L["Webhooks.Refused.TeamNotInScope"],
        WebhookActionOutcome.UrlRefused when result.UrlProblem is { } problem => UrlProblem(L, problem),
        WebhookActionOutcome.UnknownEventTypes => L["Webhooks.Refused.UnknownEventTypes", string.Join(", ", result.UnknownEventTypes ?? [])],
        WebhookActionOutcome.EndpointNotFound => L["Webhooks.Refused.EndpointNotFound"],
        WebhookActionOutcome.DeliveryNotFound => L["Webhooks.Refused.DeliveryNotFound"],
        _ => result.Error,
    };

    public static string UrlProblem(IStringLocalizer<ConsoleText> L, WebhookUrlProblem problem) => problem switch
    {
        WebhookUrlProblem.Missing => L["Webhooks.Refused.Url.Missing"],
        WebhookUrlProblem.TooLong => L["Webhooks.Refused.Url.TooLong", WebhookUrlRule.MaxLength],
        WebhookUrlProblem.NotAUrl => L["Webhooks.Refused.Url.NotAUrl"],
        WebhookUrlProblem.HasUserInfo => L["Webhooks.Refused.Url.HasUserInfo"],
        WebhookUrlProblem.NotPublic => L["Webhooks.Refused.Url.NotPublic"],
        WebhookUrlProblem.HttpsRequired => L["Webhooks.Refused.Url.HttpsRequired"],
        WebhookUrlProblem.HttpsOrLoopbackRequired => L["Webhooks.Refused.Url.HttpsOrLoopbackRequired"],
        _ => WebhookUrlRule.MessageOf(problem),
    };
}
