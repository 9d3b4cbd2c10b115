using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Dashboard.DevIdentity;

public static class DevIdentityEndpoints
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string EndSession = "/connect/endsession";

    /// <summary>
    /// Maps the provider's sign-in page and its pass-through endpoints (authorize, userinfo, end session), all anonymous.
    /// Discovery, JWKS and token requests are answered by OpenIddict in the authentication middleware.
    /// Does nothing when <see cref="DevIdentityServiceCollectionExtensions.AddDevIdentity"/> did not register the provider.
    /// </summary>
    public static IEndpointRouteBuilder MapDevIdentity(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<DevIdentityDatabase>() is null)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        group.MapGet(DevIdentityOptions.SignInPath, ShowSignIn);
        group.MapPost(DevIdentityOptions.SignInPath, SignIn);
        group.MapMethods(Authorize, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)AuthorizeAsync);
        group.MapMethods(UserInfo, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)UserInfoAsync);
        group.MapMethods(EndSession, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)EndSessionAsync);
        return endpoints;
    }

    private static IResult ShowSignIn(HttpContext http, IAntiforgery antiforgery, IOptions<DevIdentityOptions> options, string? returnUrl) =>
        SignInPage.Render(http, antiforgery, options.Value, LocalOrRoot(returnUrl), email: null, error: null);

    private static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, IOptions<DevIdentityOptions> options)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest("The form has expired or was not sent by this page. Reload the page and try again.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var email = form["email"].ToString();
        var user = options.Value.FindUser(email);
        if (user is null || !PasswordMatches(user.Password, form["password"].ToString()))
        {
            return SignInPage.Render(http, antiforgery, options.Value, returnUrl, email, "Wrong email or password.");
        }

        var identity = new ClaimsIdentity(DevIdentityOptions.CookieScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, string.IsNullOrWhiteSpace(user.Subject) ? user.Email.ToLowerInvariant() : user.Subject));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        identity.AddClaim(new Claim(Claims.Email, user.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Role, user.Role));
        await http.SignInAsync(DevIdentityOptions.CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var session = await http.AuthenticateAsync(DevIdentityOptions.CookieScheme);
        if (session.Principal is not { } person)
        {
            // The cookie handler sends the browser to the sign-in page with this request as its return URL.
            return Results.Challenge(authenticationSchemes: [DevIdentityOptions.CookieScheme]);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        foreach (var type in (string[])[Claims.Subject, Claims.Name, Claims.Email, Claims.EmailVerified, Claims.Role])
        {
            identity.AddClaims(person.FindAll(type).Select(claim => new Claim(type, claim.Value, claim.ValueType)));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim => Destinations(claim, identity));
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // Name, email and role go into the identity token (so the console gets its roles) and the access token (for userinfo).
    private static IEnumerable<string> Destinations(Claim claim, ClaimsIdentity identity)
    {
        var granted = claim.Type switch
        {
            Claims.Name => identity.HasScope(Scopes.Profile),
            Claims.Email or Claims.EmailVerified => identity.HasScope(Scopes.Email),
            Claims.Role => identity.HasScope(Scopes.Roles),
            _ => claim.Type == Claims.Subject,
        };
        return granted ? [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken] : [];
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object?> { [Claims.Subject] = principal.GetClaim(Claims.Subject) };
        foreach (var type in (string[])[Claims.Name, Claims.Email])
        {
            if (principal.GetClaim(type) is { } value)
            {
                claims[type] = value;
            }
        }

        if (principal.GetClaims(Claims.Role) is { Length: > 0 } roles)
        {
            claims[Claims.Role] = roles;
        }

        return Results.Ok(claims);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(DevIdentityOptions.CookieScheme);
        // OpenIddict redirects to the validated post_logout_redirect_uri, or to "/" when the client sent none.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static bool PasswordMatches(string expected, string given) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>Keeps a return URL only when it is a path on this site; anything else becomes "/".</summary>
    internal static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
            ? url
            : "/";
}
