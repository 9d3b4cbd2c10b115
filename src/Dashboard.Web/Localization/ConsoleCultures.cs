using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Web.Localization;

/// <summary>
/// The console's languages (issue 16 item 5): English (the default) and German. A request's culture comes from the
/// culture cookie first, then <c>Accept-Language</c>; a Blazor circuit keeps the culture of the request that started it,
/// so choosing a language (<c>GET /culture?c=de&amp;redirect=/patients</c>) writes the cookie and reloads the page.
/// </summary>
public static class ConsoleCultures
{
    public const string CookieName = "lcd-culture";
    public const string SwitchPath = "/culture";
    public const string English = "en";
    public const string German = "de";

    /// <summary>The supported cultures, default first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, German];

    public static IServiceCollection AddConsoleLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(English).AddSupportedCultures([.. Supported]).AddSupportedUICultures([.. Supported]);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>
    /// <c>GET /culture?c=de&amp;redirect=/patients</c>: remembers the language in the culture cookie and goes back to the
    /// local page it was chosen on. An unknown language or a redirect that is not a local path is a 400.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SwitchPath, (HttpContext http, string? c, string? redirect) =>
        {
            if (c is null || !Supported.Contains(c, StringComparer.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: 400, detail: $"Unknown language; choose one of: {string.Join(", ", Supported)}.");
            }
            if (!IsLocalPath(redirect))
            {
                return Results.Problem(statusCode: 400, detail: "The redirect must be a path on this site.");
            }
            var culture = c.ToLowerInvariant();
            http.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
            {
                IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
            });
            return Results.Redirect(redirect!);
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>A path on this site: starts with one slash, no scheme, host or backslash trick, no control characters.</summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(ch => char.IsControl(ch) || ch == '\\');

    /// <summary>Whether the current UI culture is German (the one non-default language).</summary>
    public static bool IsGerman(CultureInfo culture) => culture.TwoLetterISOLanguageName == German;
}
