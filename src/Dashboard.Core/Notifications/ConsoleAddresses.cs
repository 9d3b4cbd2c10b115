namespace Dashboard.Core.Notifications;

/// <summary>
/// Absolute addresses of console pages for mail, from the one link builder the web app has (<c>PublicBaseUrl</c>,
/// PathBase): Core knows the paths, the web app knows where it is published.
/// </summary>
public interface IConsoleAddresses
{
    /// <summary>The absolute address of <paramref name="relativePath"/> (no leading slash); null when the public address is unknown.</summary>
    string? Absolute(string relativePath, string? requestBase = null);
}

/// <summary>
/// A host without the web app (the command line, Core's own tests): an address only under a base the caller gives;
/// mail sent with none names the console page without a link. The web app replaces it with its public link builder.
/// </summary>
internal sealed class RequestBaseAddresses : IConsoleAddresses
{
    public string? Absolute(string relativePath, string? requestBase = null) =>
        Uri.TryCreate(requestBase, UriKind.Absolute, out var root)
            ? new Uri(new Uri(root.ToString().TrimEnd('/') + "/"), relativePath.TrimStart('/')).ToString()
            : null;
}
