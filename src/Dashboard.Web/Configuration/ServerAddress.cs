using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Web.Configuration;

internal static class ServerAddress
{
    /// <summary>
    /// The origin the app actually listens on, preferring http; wildcard hosts (<c>+</c>, <c>*</c>, <c>[::]</c>,
    /// <c>0.0.0.0</c>) become localhost. Read lazily (after the server has bound), so <c>--urls</c> on any port works.
    /// </summary>
    public static string Listening(IServer server, string neededFor)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var origins = addresses
            .Select(address => Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"),
                UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Select(uri => uri.Host is "0.0.0.0" or "[::]" ? new UriBuilder(uri) { Host = "localhost" }.Uri : uri)
            .OrderBy(uri => uri.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .Select(uri => uri.GetLeftPart(UriPartial.Authority));
        return origins.FirstOrDefault() ?? throw new InvalidOperationException(
            $"The server reports no listening address to use for {neededFor}. Run on Kestrel " +
            "(e.g. --urls http://127.0.0.1:0) or configure the address explicitly.");
    }
}
