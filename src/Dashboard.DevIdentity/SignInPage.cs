using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Dashboard.DevIdentity;

/// <summary>The provider's sign-in form: plain server-rendered HTML, no scripts.</summary>
internal static class SignInPage
{
    public static IResult Render(HttpContext http, IAntiforgery antiforgery, DevIdentityOptions options,
        string returnUrl, string? email, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var action = http.Request.PathBase + DevIdentityOptions.SignInPath;
        var people = string.Join("", options.Users.Select(u => $"<li>{E(u.Email)} ({E(u.Role)})</li>"));
        var alert = error is null ? "" : $"""<p id="error" role="alert" class="error">{E(error)}</p>""";
        var describedBy = error is null ? "" : """ aria-describedby="error" aria-invalid="true" """;

        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in – Development identity provider</title>
              <style>
                body {'{'} font-family: system-ui, sans-serif; max-width: 24rem; margin: 3rem auto; padding: 0 1rem; {'}'}
                label, input, button {'{'} display: block; width: 100%; box-sizing: border-box; font-size: 1rem; {'}'}
                input {'{'} margin: .25rem 0 1rem; padding: .5rem; {'}'}
                button {'{'} padding: .6rem; {'}'}
                .error {'{'} color: #b00020; font-weight: 600; {'}'}
              </style>
            </head>
            <body>
              <main>
                <h1>Sign in</h1>
                <p>Development identity provider for Libre Connect Dashboard. Do not use in production.</p>
                {alert}
                <form method="post" action="{E(action)}">
                  <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken ?? "")}">
                  <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
                  <label for="email">Email</label>
                  <input id="email" name="email" type="email" autocomplete="username" required value="{E(email ?? "")}"{describedBy}>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required{describedBy}>
                  <button type="submit">Sign in</button>
                </form>
                <h2>Seeded people</h2>
                <ul>{people}</ul>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
