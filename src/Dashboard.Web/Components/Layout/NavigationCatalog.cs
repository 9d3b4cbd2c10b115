using Dashboard.Core.Access;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>One entry of the navigation drawer; shown to people holding one of <see cref="Roles"/>.</summary>
public sealed record NavigationEntry(string Title, string Href, string Icon, IReadOnlyList<string> Roles);

/// <summary>The drawer's entries, in order. An entry is added here when its page exists, never before.</summary>
public static class NavigationCatalog
{
    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new("Overview", "/", Icons.Material.Outlined.Dashboard, ConsoleRoles.All),
        new("Patients", "/patients", Icons.Material.Outlined.People, ConsoleRoles.All),
        new("Triage", "/triage", Icons.Material.Outlined.MonitorHeart, ConsoleRoles.All),
        new("Events", "/events", Icons.Material.Outlined.EventNote, [ConsoleRoles.Support, ConsoleRoles.Admin]),
        new("Practices", "/practices", Icons.Material.Outlined.LocalHospital, [ConsoleRoles.Admin]),
        new("Practice accounts", "/practice-accounts", Icons.Material.Outlined.Key, [ConsoleRoles.Admin]),
        new("Audit log", "/audit", Icons.Material.Outlined.History, [ConsoleRoles.Admin]),
        new("Settings", "/settings", Icons.Material.Outlined.Settings, [ConsoleRoles.Admin]),
    ];

    public static IEnumerable<NavigationEntry> For(System.Security.Claims.ClaimsPrincipal user) =>
        Entries.Where(entry => entry.Roles.Any(user.IsInRole));
}
