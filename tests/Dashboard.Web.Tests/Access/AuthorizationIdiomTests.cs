using System.Text.RegularExpressions;
using Dashboard.Core.Access;
using Dashboard.TestSupport;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Tests.Access;

/// <summary>
/// Authorization in one idiom (issue #15): pages, components and endpoints name the policies of
/// <see cref="ConsolePolicies"/>, never a role. Read from the source, so a new file is held to it too.
/// </summary>
public sealed class AuthorizationIdiomTests
{
    private static readonly string WebSource = Path.Combine(RepositoryRoot.Path, "src", "Dashboard.Web");

    /// <summary>Where a role is named for authorization: role lists, role checks, role requirements.</summary>
    private static readonly Regex RoleCheck = new(@"\bRoles\s*=|\bIsInRole\s*\(|\bIsInAnyRole\w*\s*\(|\bRequireRole\s*\(");

    /// <summary>The one place roles meet policies: the policies are built from <see cref="ConsolePolicies.Roles"/>.</summary>
    private const string PolicyRegistration = "Access/ConsoleMembership.cs";

    /// <summary>The members page assigns roles (its subject); naming them there is data, not a check.</summary>
    private const string RoleAssignment = "Components/Pages/Members/MembersPage.razor";

    private static IEnumerable<(string Relative, string Text)> Sources(params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(WebSource, p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(WebSource, f).Replace('\\', '/'), File.ReadAllText(f)));

    [Fact]
    public void No_razor_file_or_endpoint_checks_a_role()
    {
        var sources = Sources("*.razor", "*.cs").ToList();
        Assert.Contains(sources, s => s.Relative.EndsWith(".razor", StringComparison.Ordinal)); // the scan sees the components

        var offenders = sources.Where(s => s.Relative != PolicyRegistration)
            .SelectMany(s => RoleCheck.Matches(s.Text).Select(m => $"{s.Relative}: {m.Value}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Check a ConsolePolicies policy instead of a role: " + string.Join("; ", offenders));
    }

    [Fact]
    public void No_razor_file_names_a_role_except_the_page_that_assigns_them()
    {
        var naming = Sources("*.razor")
            .Where(s => s.Relative != RoleAssignment && Regex.IsMatch(s.Text, @"\bConsoleRoles\.|""(admin|support|viewer)"""))
            .Select(s => s.Relative)
            .ToList();

        Assert.Empty(naming);
    }

    [Fact]
    public void Every_authorize_view_with_a_condition_names_a_console_policy()
    {
        var views = Sources("*.razor")
            .SelectMany(s => Regex.Matches(s.Text, @"<AuthorizeView\b[^>]*>").Select(m => (s.Relative, Tag: m.Value)))
            .ToList();
        Assert.NotEmpty(views);

        // The drawer's views take each entry's policy from NavigationCatalog, held to the table below.
        var drawer = views.Where(v => v.Relative == "Components/Layout/NavMenu.razor" && v.Tag == "<AuthorizeView Policy=\"@entry.Policy\">").ToList();
        Assert.Single(drawer);
        Assert.All(Dashboard.Web.Components.Layout.NavigationCatalog.Entries, e => Assert.True(ConsolePolicies.Roles.ContainsKey(e.Policy), $"{e.Title}: {e.Policy}"));
        Assert.All(views.Except(drawer).Where(v => v.Tag != "<AuthorizeView>"), v =>
        {
            var policy = Regex.Match(v.Tag, @"Policy=""@ConsolePolicies\.(\w+)""");
            Assert.True(policy.Success, $"{v.Relative}: {v.Tag} does not name a ConsolePolicies policy");
            Assert.True(ConsolePolicies.Roles.ContainsKey(policy.Groups[1].Value), $"{v.Relative}: no policy {policy.Groups[1].Value}");
        });
    }

    [Fact]
    public void Every_page_is_authorized_by_a_console_policy_or_open_to_any_signed_in_person()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Length > 0)
            .Select(t => (Page: t, Authorize: t.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().ToList()))
            .Where(p => p.Authorize.Count > 0)
            .ToList();
        Assert.NotEmpty(pages);

        Assert.All(pages, p => Assert.All(p.Authorize, a =>
        {
            Assert.Null(a.Roles);
            Assert.True(a.Policy is null || ConsolePolicies.Roles.ContainsKey(a.Policy), $"{p.Page.Name}: {a.Policy}");
        }));
    }
}
