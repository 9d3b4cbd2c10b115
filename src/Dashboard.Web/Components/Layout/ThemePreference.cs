using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Layout;

/// <summary>Light or dark, remembered per browser in local storage.</summary>
public sealed class ThemePreference(IJSRuntime js)
{
    private const string StorageKey = "lcd-theme";

    public async Task<bool> IsDarkAsync()
    {
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", StorageKey) == "dark";
        }
        catch (JSException)
        {
            return false;
        }
    }

    public async Task RememberAsync(bool dark) =>
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, dark ? "dark" : "light");
}
