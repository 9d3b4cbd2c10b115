using System.Net;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>
/// Signs a person in to the console through its real OpenID Connect round trip (the development provider's form),
/// with a plain HttpClient, and hands back the cookies of the resulting console session.
/// </summary>
public static class ConsoleSignIn
{
    public const string SessionCookie = ".Dashboard.Session";

    public static async Task<CookieContainer> SignInAsync(Uri console, string email, string password, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true });

        // The protected page challenges, the challenge lands on the provider's sign-in form.
        using var challenge = await http.GetAsync(new Uri(console, "/patients"), ct);
        var formPage = challenge.RequestMessage?.RequestUri ?? throw new InvalidOperationException("No sign-in page.");
        var html = await challenge.Content.ReadAsStringAsync(ct);
        var (action, form) = Dashboard.TestSupport.DevSignInForm.Fill(formPage, html, email, password)
            ?? throw new InvalidOperationException($"{formPage} shows no sign-in form (status {(int)challenge.StatusCode}).");

        // The form posts back, the provider redirects with a code, the console redeems it and sets its session cookie.
        using var signedIn = await http.PostAsync(action, form, ct);
        if (!cookies.GetCookies(console).Any(c => c.Name.StartsWith(SessionCookie, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Signing in as {email} set no console session (ended at {signedIn.RequestMessage?.RequestUri}, {(int)signedIn.StatusCode}).");
        }
        return cookies;
    }
}
