namespace Dashboard.Web.Configuration;

/// <summary>
/// Links the product hands out (the Link widget URL of a link token or re-connect link, invitation links, console pages
/// in mail) start at <c>PublicBaseUrl</c>, never at the Host header of the request that asked for them, which any
/// caller can set. Outside Development the setting is required (<see cref="RequiredSettings"/>); in Development without
/// it, the request's own origin (with its PathBase) is used, and mail sent with no request behind it has no link.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration) : Dashboard.Core.Notifications.IConsoleAddresses
{
    public const string Setting = "PublicBaseUrl";

    public string LinkWidget(string token, string requestBase) =>
        new Uri(Base(requestBase)!, "link?token=" + Uri.EscapeDataString(token)).ToString();

    /// <summary>The console's own page at <paramref name="relativePath"/>; null with neither the setting nor a request.</summary>
    public string? Absolute(string relativePath, string? requestBase = null) =>
        Base(requestBase) is { } root ? new Uri(root, relativePath.TrimStart('/')).ToString() : null;

    public string LinkWidget(string token, HttpRequest request) =>
        LinkWidget(token, $"{request.Scheme}://{request.Host}{request.PathBase}/");

    private Uri? Base(string? requestBase)
    {
        var configured = configuration[Setting];
        var root = string.IsNullOrWhiteSpace(configured) ? requestBase : configured.Trim();
        return string.IsNullOrWhiteSpace(root) ? null : new Uri(root.EndsWith('/') ? root : root + "/", UriKind.Absolute);
    }

    /// <summary>Whether a configured value is usable: an absolute http(s) URL without query or fragment.</summary>
    public static bool IsValid(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
