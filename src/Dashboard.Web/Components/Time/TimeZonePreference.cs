using Dashboard.Core.Access;
using Dashboard.Core.Preferences;
using Dashboard.Core.Time;
using Dashboard.Web.Access;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Time;

/// <summary>
/// The person's time zone: the browser reports it (<c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>) once the
/// page is interactive; it is then kept in a cookie, which the server reads on the next first request so the
/// prerendered page already shows local times, and in the person's preferences for a browser without the cookie.
/// </summary>
public sealed class TimeZonePreference(IJSRuntime js, StaffPreferences preferences, CurrentStaff staff)
{
    public const string CookieName = "lcd-tz";
    private const string ModulePath = "./Components/Layout/MainLayout.razor.js";

    /// <summary>The zone the first request's cookie named, if any (set by Routes).</summary>
    public string? FromCookie { get; set; }

    /// <summary>The zone to render with before the browser answered: the cookie's, else the stored one, else UTC.</summary>
    public async Task<TimeZoneInfo> InitialAsync()
    {
        if (FromCookie is { } cookie) return StaffTimeFormat.ZoneOf(cookie);
        var email = StaffIdentity.EmailOf(await staff.UserAsync());
        return email is null ? StaffTimeFormat.Fallback : StaffTimeFormat.ZoneOf((await preferences.GetAsync(email)).TimeZone);
    }

    /// <summary>Asks the browser for its zone, remembers it (cookie and preferences); null when the browser could not say.</summary>
    public async Task<TimeZoneInfo?> FromBrowserAsync()
    {
        string? id;
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            id = await module.InvokeAsync<string?>("rememberTimeZone", CookieName);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return null;
        if (id != FromCookie && StaffIdentity.EmailOf(await staff.UserAsync()) is { } email)
        {
            await preferences.SetTimeZoneAsync(email, id);
        }
        FromCookie = id;
        return zone;
    }
}
