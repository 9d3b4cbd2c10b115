using System.Net;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>Why a URL may not receive webhooks. The console says each in its own language from the code.</summary>
public enum WebhookUrlProblem
{
    /// <summary>No URL.</summary>
    Missing,
    /// <summary>Longer than <see cref="WebhookUrlRule.MaxLength"/>.</summary>
    TooLong,
    /// <summary>Not an absolute http(s) URL with a host.</summary>
    NotAUrl,
    /// <summary>The URL holds a user name or password.</summary>
    HasUserInfo,
    /// <summary>The host is not on the public internet (<see cref="WebhookAddressPolicy"/>).</summary>
    NotPublic,
    /// <summary>Plain http, where only https is allowed.</summary>
    HttpsRequired,
    /// <summary>Plain http to another machine, where http is allowed only to this one.</summary>
    HttpsOrLoopbackRequired,
}

/// <summary>
/// Endpoint URLs are <c>https</c> to a public host (<see cref="WebhookAddressPolicy"/>); plain <c>http</c> only to this
/// machine, where loopback is allowed at all (Development with <c>Webhooks:AllowLoopback</c>).
/// </summary>
public sealed class WebhookUrlRule(WebhookAddressPolicy addresses)
{
    public const int MaxLength = 2000;

    public bool AllowsHttpLoopback => addresses.AllowsLoopback;

    /// <summary>Null when <paramref name="url"/> may receive webhooks; otherwise what is wrong, in invariant English.</summary>
    public string? Check(string? url) => Problem(url) is { } problem ? MessageOf(problem) : null;

    /// <summary>Null when <paramref name="url"/> may receive webhooks; otherwise what is wrong, for the console to word.</summary>
    public WebhookUrlProblem? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return WebhookUrlProblem.Missing;
        }
        if (url.Length > MaxLength)
        {
            return WebhookUrlProblem.TooLong;
        }
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return WebhookUrlProblem.NotAUrl;
        }
        if (uri.UserInfo.Length > 0)
        {
            return WebhookUrlProblem.HasUserInfo;
        }
        if (addresses.CheckHost(uri) is not null)
        {
            return WebhookUrlProblem.NotPublic;
        }
        if (uri.Scheme == Uri.UriSchemeHttps || (AllowsHttpLoopback && IsLoopback(uri)))
        {
            return null;
        }
        return AllowsHttpLoopback ? WebhookUrlProblem.HttpsOrLoopbackRequired : WebhookUrlProblem.HttpsRequired;
    }

    /// <summary>The problem in invariant English (the API, the delivery log).</summary>
    public static string MessageOf(WebhookUrlProblem problem) => problem switch
    {
        WebhookUrlProblem.Missing => "Enter the endpoint's URL.",
        WebhookUrlProblem.TooLong => $"The URL is longer than {MaxLength} characters.",
        WebhookUrlProblem.NotAUrl => "Enter a full URL such as https://example.com/webhooks.",
        WebhookUrlProblem.HasUserInfo => "The URL must not contain a user name or password.",
        WebhookUrlProblem.NotPublic => WebhookAddressPolicy.Refusal,
        WebhookUrlProblem.HttpsOrLoopbackRequired => "Webhook endpoints must use https; plain http is allowed only to this machine (localhost, 127.0.0.1, [::1]).",
        WebhookUrlProblem.HttpsRequired => "Webhook endpoints must use https.",
        _ => problem.ToString(),
    };

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
