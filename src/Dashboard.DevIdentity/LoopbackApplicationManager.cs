using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Dashboard.DevIdentity;

/// <summary>
/// Lets the console client come back to whatever loopback host and port the app listens on
/// (<c>http://localhost:5080</c>, <c>http://127.0.0.1:&lt;random&gt;</c>, …): a redirect URI is accepted when it is
/// registered, or when it is a loopback address whose path is the console's callback path.
/// Any other host is refused as usual.
/// </summary>
internal sealed class LoopbackApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    internal const string CallbackPath = "/signin-oidc";
    internal const string SignedOutCallbackPath = "/signout-callback-oidc";

    public override async ValueTask<bool> ValidateRedirectUriAsync(
        OpenIddictEntityFrameworkCoreApplication application, string uri, CancellationToken cancellationToken = default) =>
        (IsConsole(application) && IsLoopback(uri, CallbackPath))
        || await base.ValidateRedirectUriAsync(application, uri, cancellationToken);

    public override async ValueTask<bool> ValidatePostLogoutRedirectUriAsync(
        OpenIddictEntityFrameworkCoreApplication application, string uri, CancellationToken cancellationToken = default) =>
        (IsConsole(application) && IsLoopback(uri, SignedOutCallbackPath))
        || await base.ValidatePostLogoutRedirectUriAsync(application, uri, cancellationToken);

    // Used by end-session requests that carry no client_id (the ASP.NET Core handler sends only id_token_hint).
    public override async IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByPostLogoutRedirectUriAsync(
        string uri, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (IsLoopback(uri, SignedOutCallbackPath)
            && await FindByClientIdAsync(DevIdentityOptions.ClientId, cancellationToken) is { } console)
        {
            yield return console;
            yield break;
        }

        await foreach (var application in base.FindByPostLogoutRedirectUriAsync(uri, cancellationToken))
        {
            yield return application;
        }
    }

    private static bool IsConsole(OpenIddictEntityFrameworkCoreApplication application) =>
        application.ClientId == DevIdentityOptions.ClientId;

    internal static bool IsLoopback(string uri, string path) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme is "http" or "https"
        && parsed.IsLoopback
        && string.IsNullOrEmpty(parsed.UserInfo)
        && string.IsNullOrEmpty(parsed.Fragment)
        && parsed.AbsolutePath == path;
}
