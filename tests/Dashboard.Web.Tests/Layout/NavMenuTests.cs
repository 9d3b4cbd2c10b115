using Dashboard.Web.Tests.Support;
using Bunit;
using Dashboard.Web.Components.Layout;

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
}
