using System.Security.Cryptography;
using Dashboard.DevIdentity;

namespace Dashboard.Web.Configuration;

/// <summary>
/// Browser protections on every response. The Content Security Policy lets scripts run only from this origin, plus the
/// one inline script the page carries (the import map), by a nonce fresh for each response; styles may be inline because
/// MudBlazor and ApexCharts set them on elements; the Blazor circuit's WebSocket is same-origin. Forms may post here
/// and to the OpenID Connect provider (the sign-out goes there).
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceItem = "Dashboard.CspNonce";

    /// <summary>The nonce of this response's policy, for the page's inline script; null outside a request.</summary>
    public static string? Nonce(HttpContext? http) => http?.Items[NonceItem] as string;

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        var formAction = "'self'";
        if (Uri.TryCreate(app.Configuration[RequiredSettings.OidcAuthority], UriKind.Absolute, out var authority))
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }
        return app.Use((http, next) =>
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // hex: nothing to escape in the attribute
            http.Items[NonceItem] = nonce;
            var headers = http.Response.Headers;
            // The development provider's sign-in form (mapped in Development only) ends in a redirect to the client's
            // registered redirect URI, which behind a proxy is another origin; browsers hold form-action to that redirect.
            var formActions = http.Request.Path.StartsWithSegments(DevIdentityOptions.SignInPath) ? "" : $"; form-action {formAction}";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + $"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'{formActions}";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Link widget URLs carry a token: never hand the address to another site.
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return next(http);
        });
    }
}
