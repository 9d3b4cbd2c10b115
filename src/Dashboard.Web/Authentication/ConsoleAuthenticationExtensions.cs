using Dashboard.DevIdentity;
using Dashboard.Web.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Web.Authentication;

public static class ConsoleAuthenticationExtensions
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// Cookie session (default scheme) + OpenID Connect authorization code flow with PKCE (challenge scheme), and a
    /// fallback policy so every page and endpoint needs a signed-in person unless it is marked <c>AllowAnonymous</c>.
    /// Provider: <c>Authentication:Oidc:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>. Without an authority and with
    /// <c>DevIdentity:Enabled</c> in Development, the app's own development provider is used, at the address the app listens on.
    /// </summary>
    public static IServiceCollection AddConsoleAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var oidc = configuration.GetSection("Authentication:Oidc");
        var authority = NullIfEmpty(oidc["Authority"]);
        var devIdentity = DevelopmentFeatures.DevSignIn(configuration, environment);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieScheme;
                options.DefaultChallengeScheme = OidcScheme;
            })
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = ".Dashboard.Session";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.AccessDeniedPath = "/access-denied";
                // A page visit is shown the access-denied page; a refused action (POST, …) gets a plain 403.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    if (HttpMethods.IsGet(context.Request.Method))
                    {
                        context.Response.Redirect(context.RedirectUri);
                        return Task.CompletedTask;
                    }
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return context.Response.WriteAsJsonAsync(
                        new { title = "Forbidden", status = 403, detail = "Your role does not allow this action." },
                        (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
                };
            })
            .AddOpenIdConnect(OidcScheme, options =>
            {
                options.SignInScheme = CookieScheme;
                options.ClientId = NullIfEmpty(oidc["ClientId"]) ?? (devIdentity ? DevIdentityOptions.ClientId : null);
                options.ClientSecret = NullIfEmpty(oidc["ClientSecret"]); // none for the development provider: a public client with PKCE
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.SaveTokens = true; // keeps the id_token for id_token_hint at sign-out
                options.Scope.Clear();
                foreach (var scope in (string[])["openid", "profile", "email", "roles"])
                {
                    options.Scope.Add(scope);
                }

                if (!string.IsNullOrEmpty(authority))
                {
                    UseAuthority(options, authority);
                }
            });

        if (string.IsNullOrEmpty(authority) && devIdentity)
        {
            // Options are built on the first sign-in request, after the server has bound its addresses.
            services.AddOptions<OpenIdConnectOptions>(OidcScheme)
                .Configure<IServer>((options, server) => UseAuthority(options, ServerAddress.Listening(server, "the development sign-in authority")));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static void UseAuthority(OpenIdConnectOptions options, string authority)
    {
        options.Authority = authority;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !uri.IsLoopback)
        {
            return;
        }

        // A provider on this machine (the development one, or a local Keycloak) may run on plain http: allow metadata over
        // http, and keep the correlation and nonce cookies usable without TLS (query response mode, SameSite=Lax).
        options.RequireHttpsMetadata = false;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SameSite = SameSiteMode.Lax;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
