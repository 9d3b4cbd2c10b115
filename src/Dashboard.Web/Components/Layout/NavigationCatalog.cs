using Dashboard.Core.Access;
using Dashboard.Web.Resources;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>One entry of the navigation drawer (its <see cref="Title"/> is a <see cref="ConsoleText"/> key); shown to people who pass <see cref="Policy"/> (one of <see cref="ConsolePolicies"/>).</summary>
public sealed record NavigationEntry(string Title, string Href, string Icon, string Policy);

/// <summary>The drawer's entries, in order. An entry is added here when its page exists, never before.</summary>
public static class NavigationCatalog
{
    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new(ConsoleText.Key("Nav.Overview"), "/", Icons.Material.Outlined.Dashboard, ConsolePolicies.ViewConsole),
        new(ConsoleText.Key("Nav.Patients"), "/patients", Icons.Material.Outlined.People, ConsolePolicies.ViewPatientList),
        new(ConsoleText.Key("Nav.Triage"), "/triage", Icons.Material.Outlined.MonitorHeart, ConsolePolicies.ReviewGlucose),
        new(ConsoleText.Key("Nav.Events"), "/events", Icons.Material.Outlined.EventNote, ConsolePolicies.ViewEvents),
        new(ConsoleText.Key("Nav.Practices"), "/practices", Icons.Material.Outlined.LocalHospital, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.PracticeAccounts"), "/practice-accounts", Icons.Material.Outlined.Key, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.Members"), "/settings/members", Icons.Material.Outlined.Group, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.Teams"), "/settings/teams", Icons.Material.Outlined.Workspaces, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.ManagementKeys"), "/settings/management-keys", Icons.Material.Outlined.VpnKey, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.Plan"), "/settings/plan", Icons.Material.Outlined.WorkspacePremium, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.Audit"), "/audit", Icons.Material.Outlined.History, ConsolePolicies.ManageOrganization),
        new(ConsoleText.Key("Nav.Settings"), "/settings", Icons.Material.Outlined.Settings, ConsolePolicies.ManageOrganization),
    ];

    /// <summary>
    /// How an entry's link knows it is the current page: by its prefix (a patient's page lights Patients), except the
    /// overview and an entry whose pages are other entries' (Settings: /settings/members is Members, not Settings), which
    /// light only on their own address.
    /// </summary>
    public static NavLinkMatch MatchOf(NavigationEntry entry) =>
        entry.Href == "/" || Entries.Any(other => other.Href.StartsWith(entry.Href + "/", StringComparison.OrdinalIgnoreCase))
            ? NavLinkMatch.All
            : NavLinkMatch.Prefix;
}
