using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// Light or dark, remembered per browser: in a cookie the server reads on the first request (so the first paint is
/// already in the chosen theme) and in local storage (where it was kept before the cookie).
/// </summary>
public sealed class ThemePreference(IJSRuntime js)
{
    public const string CookieName = "lcd-theme";
    private const string StorageKey = "lcd-theme";
    private const string ModulePath = "./Components/Layout/MainLayout.razor.js";

    /// <summary>The theme the first request's cookie named; null when it named none.</summary>
    public bool? FromCookie { get; set; }

    public static bool? Parse(string? cookie) => cookie switch { "dark" => true, "light" => false, _ => null };

    public async Task<bool> IsDarkAsync()
    {
        if (FromCookie is { } dark)
        {
            return dark;
        }
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", StorageKey) == "dark";
        }
        catch (JSException)
        {
            return false;
        }
    }

    public async Task RememberAsync(bool dark)
    {
        FromCookie = dark;
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        await module.InvokeVoidAsync("rememberTheme", dark ? "dark" : "light");
    }
}
