using Dashboard.Web.Tests.Support;
using Bunit;
using Dashboard.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Layout;

public sealed class NavMenuTests : ConsoleTestContext
{
    [Theory]
    [InlineData("admin", new[] { "Overview", "Patients", "Triage", "Events", "Practices", "Practice accounts", "Members", "Teams", "Management keys", "Plan", "Audit log", "Settings" })]
    [InlineData("support", new[] { "Overview", "Patients", "Triage", "Events" })]
    [InlineData("viewer", new[] { "Overview", "Patients", "Triage" })]
    public void Shows_only_the_entries_the_role_may_use(string role, string[] expected)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetConsoleRole(role);

        var menu = Render<NavMenu>();

        var titles = menu.FindAll("a").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(expected, titles);
    }

    [Fact]
    public void Shows_nothing_to_a_person_who_passes_no_policy_even_holding_a_role_name()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetRoles(Dashboard.Core.Access.ConsoleRoles.Admin); // the drawer follows the policies, not role names

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }

    [Fact]
    public void Every_entry_points_at_a_page_that_exists()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false))
            .Cast<Microsoft.AspNetCore.Components.RouteAttribute>()
            .Select(r => r.Template)
            .ToHashSet();

        Assert.All(NavigationCatalog.Entries, entry => Assert.Contains(entry.Href, routes));
    }

    [Theory]
    [InlineData("/settings/members", "Members")]
    [InlineData("/settings/teams", "Teams")]
    [InlineData("/settings", "Settings")]
    [InlineData("/patients/8d1f6a52-54a5-4bde-9d43-0c3b1a2f1d11", "Patients")]
    [InlineData("/", "Overview")]
    public void Only_the_entry_of_the_open_page_is_highlighted(string path, string highlighted)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetConsoleRole("admin");
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);

        var menu = Render<NavMenu>();

        Assert.Equal([highlighted], menu.FindAll("a.active").Select(a => a.TextContent.Trim()));
    }
}
