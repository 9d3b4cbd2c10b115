using System.Net;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// Endpoint URLs are <c>https</c> to a public host (<see cref="WebhookAddressPolicy"/>); plain <c>http</c> only to this
/// machine, where loopback is allowed at all (Development with <c>Webhooks:AllowLoopback</c>).
/// </summary>
public sealed class WebhookUrlRule(WebhookAddressPolicy addresses)
{
    public const int MaxLength = 2000;

    public bool AllowsHttpLoopback => addresses.AllowsLoopback;

    /// <summary>Null when <paramref name="url"/> may receive webhooks; otherwise what is wrong, in words for the form.</summary>
    public string? Check(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the endpoint's URL.";
        }
        if (url.Length > MaxLength)
        {
            return $"The URL is longer than {MaxLength} characters.";
        }
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "Enter a full URL such as https://example.com/webhooks.";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "The URL must not contain a user name or password.";
        }
        if (addresses.CheckHost(uri) is { } refused)
        {
            return refused;
        }
        if (uri.Scheme == Uri.UriSchemeHttps || (AllowsHttpLoopback && IsLoopback(uri)))
        {
            return null;
        }
        return AllowsHttpLoopback
            ? "Webhook endpoints must use https; plain http is allowed only to this machine (localhost, 127.0.0.1, [::1])."
            : "Webhook endpoints must use https.";
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
