using System.Security.Claims;
using Dashboard.Core.Access;
using Dashboard.Web.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dashboard.Web.Access;

/// <summary>Where console roles come from (<c>Authentication:RolesFrom</c>): the store's memberships (default) or the provider's role claims.</summary>
public enum RolesSource
{
    Store,
    Claims,
}

/// <summary>
/// Membership in the console's sign-in: at sign-in an unverified email is refused and invitations are bound to the
/// provider's issuer and subject (rows 16 of #18) and the bootstrap admin may create the first organisation; on every
/// request the cookie's person is matched to their memberships, the chosen organisation is stamped on the principal and
/// (with <see cref="RolesSource.Store"/>) their role there replaces any role claim; sessions live in the store.
/// </summary>
public static class ConsoleMembership
{
    public const string OrganizationCookie = ".Dashboard.Organization";
    public const string SwitchPath = "/organization/switch";
    public const string NotAMemberPath = "/not-a-member";

    public static IServiceCollection AddConsoleMembership(this IServiceCollection services, IConfiguration configuration)
    {
        var rolesFrom = configuration.GetValue("Authentication:RolesFrom", RolesSource.Store);
        services.AddHttpContextAccessor();
        services.AddSingleton<StoreTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuthenticationExtensions.CookieScheme)
            .Configure<StoreTicketStore, IServiceProvider>((options, store, provider) =>
            {
                options.SessionStore = store;
                var previous = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = async context =>
                {
                    await previous(context);
                    if (context.Principal is { } principal)
                    {
                        var memberships = provider.GetRequiredService<Memberships>();
                        context.ReplacePrincipal(await WithMembershipAsync(principal, memberships, context.HttpContext, rolesFrom));
                    }
                };
            });
        services.AddOptions<OpenIdConnectOptions>(ConsoleAuthenticationExtensions.OidcScheme)
            .Configure<IServiceProvider>((options, provider) =>
            {
                var previous = options.Events.OnTokenValidated;
                options.Events.OnTokenValidated = async context =>
                {
                    await previous(context);
                    if (context.Principal is not { } principal)
                    {
                        return;
                    }
                    var outcome = await provider.GetRequiredService<Memberships>()
                        .SignInAsync(StaffIdentity.PersonOf(principal), context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.HttpContext.RequestAborted);
                    if (outcome == SignInOutcome.EmailUnverified)
                    {
                        // No session is created: the provider has not vouched for the address the membership is keyed by.
                        context.HandleResponse();
                        context.Response.Redirect(NotAMemberPath + "?reason=unverified");
                    }
                };
            });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in ConsolePolicies.Roles)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireClaim(StaffIdentity.OrganizationClaim).RequireRole(roles));
        }
        return services;
    }

    /// <summary>The principal with the organisation chosen for this request and, from the store, the person's role there.</summary>
    internal static async Task<ClaimsPrincipal> WithMembershipAsync(ClaimsPrincipal principal, Memberships memberships, HttpContext http, RolesSource rolesFrom)
    {
        var found = await memberships.OfPersonAsync(StaffIdentity.PersonOf(principal), http.RequestAborted);
        var chosen = Guid.TryParse(http.Request.Cookies[OrganizationCookie], out var preferred)
            ? found.FirstOrDefault(m => m.OrganizationId == preferred) ?? found.FirstOrDefault()
            : found.FirstOrDefault();
        var identity = principal.Identities.First();
        var replaced = new ClaimsIdentity(identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        replaced.AddClaims(identity.Claims.Where(c => c.Type != StaffIdentity.OrganizationClaim
            && (rolesFrom == RolesSource.Claims || c.Type != identity.RoleClaimType)));
        if (chosen is not null)
        {
            replaced.AddClaim(new Claim(StaffIdentity.OrganizationClaim, chosen.OrganizationId.ToString()));
            if (rolesFrom == RolesSource.Store)
            {
                replaced.AddClaim(new Claim(identity.RoleClaimType, chosen.Role));
            }
        }
        return new ClaimsPrincipal(replaced);
    }

    /// <summary><c>POST /organization/switch</c> (form: <c>organizationId</c>, <c>returnUrl</c>): work in another of the person's organisations.</summary>
    public static IEndpointRouteBuilder MapOrganizationSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SwitchPath, async (HttpContext http, Memberships memberships) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var found = await memberships.OfPersonAsync(StaffIdentity.PersonOf(http.User), http.RequestAborted);
            if (!Guid.TryParse(form["organizationId"], out var id) || found.All(m => m.OrganizationId != id))
            {
                return Results.Problem(statusCode: 400, detail: "You are not a member of that organisation.");
            }
            http.Response.Cookies.Append(OrganizationCookie, id.ToString(), new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(180),
            });
            return Results.Redirect(LoginLogoutEndpoints.LocalReturnUrl(form["returnUrl"]));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
