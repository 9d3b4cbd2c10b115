using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.TestSupport;

/// <summary>
/// The development provider's sign-in form as a client sees it: where it posts and the fields it posts (its hidden
/// antiforgery and return-URL inputs, then the person's email and password), for sign-ins without a browser.
/// </summary>
public static partial class DevSignInForm
{
    /// <summary>The form filled in for <paramref name="email"/>, or null when <paramref name="html"/> is not the sign-in page.</summary>
    public static (Uri Action, FormUrlEncodedContent Content)? Fill(Uri page, string html, string email, string password)
    {
        // The sign-in form is the one with a password field and its return address (console pages have other forms).
        if (FormAction().Match(html) is not { Success: true } action || !PasswordInput().IsMatch(html) || !html.Contains("name=\"returnUrl\"", StringComparison.Ordinal))
        {
            return null;
        }
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["email"] = email;
        fields["password"] = password;
        return (new Uri(page, WebUtility.HtmlDecode(action.Groups[1].Value)), new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*name=\"password\"[^>]*type=\"password\"", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInput();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
