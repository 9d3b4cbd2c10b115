using Dashboard.Core.Access;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>One entry of the navigation drawer; shown to people who pass <see cref="Policy"/> (one of <see cref="ConsolePolicies"/>).</summary>
public sealed record NavigationEntry(string Title, string Href, string Icon, string Policy);

/// <summary>The drawer's entries, in order. An entry is added here when its page exists, never before.</summary>
public static class NavigationCatalog
{
    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new("Overview", "/", Icons.Material.Outlined.Dashboard, ConsolePolicies.ViewConsole),
        new("Patients", "/patients", Icons.Material.Outlined.People, ConsolePolicies.ViewPatientList),
        new("Triage", "/triage", Icons.Material.Outlined.MonitorHeart, ConsolePolicies.ReviewGlucose),
        new("Events", "/events", Icons.Material.Outlined.EventNote, ConsolePolicies.ViewEvents),
        new("Practices", "/practices", Icons.Material.Outlined.LocalHospital, ConsolePolicies.ManageOrganization),
        new("Practice accounts", "/practice-accounts", Icons.Material.Outlined.Key, ConsolePolicies.ManageOrganization),
        new("Members", "/settings/members", Icons.Material.Outlined.Group, ConsolePolicies.ManageOrganization),
        new("Teams", "/settings/teams", Icons.Material.Outlined.Workspaces, ConsolePolicies.ManageOrganization),
        new("Management keys", "/settings/management-keys", Icons.Material.Outlined.VpnKey, ConsolePolicies.ManageOrganization),
        new("Plan", "/settings/plan", Icons.Material.Outlined.WorkspacePremium, ConsolePolicies.ManageOrganization),
        new("Audit log", "/audit", Icons.Material.Outlined.History, ConsolePolicies.ManageOrganization),
        new("Settings", "/settings", Icons.Material.Outlined.Settings, ConsolePolicies.ManageOrganization),
    ];
}
