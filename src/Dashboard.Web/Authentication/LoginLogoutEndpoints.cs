using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Dashboard.Web.Authentication;

/// <summary>
/// <c>GET /authentication/login?returnUrl=</c> starts the sign-in; <c>POST /authentication/logout</c> (form with an
/// antiforgery token and optional <c>returnUrl</c>) ends the cookie session and the provider's session.
/// Modelled on dotnet/blazor-samples BlazorWebAppOidcServer.
/// </summary>
public static class LoginLogoutEndpoints
{
    public static IEndpointConventionBuilder MapLoginAndLogout(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/authentication").ExcludeFromDescription();
        group.MapGet("/login", (string? returnUrl) => TypedResults.Challenge(Properties(returnUrl))).AllowAnonymous();
        group.MapPost("/logout", LogoutAsync);
        return group;
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return TypedResults.SignOut(Properties(form["returnUrl"]),
            [ConsoleAuthenticationExtensions.CookieScheme, ConsoleAuthenticationExtensions.OidcScheme]);
    }

    private static AuthenticationProperties Properties(string? returnUrl) => new() { RedirectUri = LocalReturnUrl(returnUrl) };

    /// <summary>Absolute URLs are cut to their path and query, so a return URL can never leave this site.</summary>
    internal static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl) || returnUrl.Any(char.IsControl))
        {
            return "/";
        }

        if (Uri.TryCreate(returnUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            returnUrl = absolute.PathAndQuery;
        }
        else if (returnUrl[0] != '/')
        {
            returnUrl = "/" + returnUrl;
        }

        return returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? "/"
            : returnUrl;
    }
}
