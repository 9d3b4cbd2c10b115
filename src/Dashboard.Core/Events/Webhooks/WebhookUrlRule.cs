using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>Endpoint URLs are <c>https</c>; plain <c>http</c> only to this machine, and only in Development (or when configured for tests).</summary>
public sealed class WebhookUrlRule(IOptions<WebhookOptions> options, IHostEnvironment? environment = null)
{
    public const int MaxLength = 2000;

    public bool AllowsHttpLoopback => options.Value.AllowHttpLoopback ?? environment?.IsDevelopment() ?? false;

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
