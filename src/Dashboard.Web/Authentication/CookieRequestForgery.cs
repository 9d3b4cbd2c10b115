using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Authentication;

/// <summary>
/// Every state-changing request to an endpoint the cookie session authorises must carry the antiforgery token (form
/// field or <c>RequestVerificationToken</c> header), whatever its content type: ASP.NET Core's own antiforgery middleware
/// checks form posts only, so a bodiless or JSON <c>POST</c> from another site rode on the session cookie. Endpoints
/// marked <c>AllowAnonymous</c> (the API, authenticated by key headers; the Blazor hub) are not cookie-authorised.
/// </summary>
public static class CookieRequestForgery
{
    public static IApplicationBuilder UseCookieRequestForgeryProtection(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (NeedsToken(http) && !await IsValidAsync(http))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsJsonAsync(
                    new { title = "Bad Request", status = 400, detail = "The antiforgery token is missing or invalid; reload the page and try again." },
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
                return;
            }
            await next(http);
        });

    /// <summary>Form posts were already checked by the antiforgery middleware (and their form must not be read again if they failed).</summary>
    private static async Task<bool> IsValidAsync(HttpContext http) =>
        http.Features.Get<IAntiforgeryValidationFeature>() is { } checkedAlready
            ? checkedAlready.IsValid
            : await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);

    /// <summary>Whether a request needs the token: an unsafe method on an endpoint that the cookie session authorises.</summary>
    public static bool NeedsToken(HttpContext http) =>
        !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
          || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && http.GetEndpoint() is { } endpoint
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
}
