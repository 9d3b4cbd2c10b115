using Dashboard.Core.Access;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Organization;

/// <summary>
/// A person in two organisations: the app bar's switcher moves every query, and the role, to the one chosen. A console
/// of its own, so the shared one's people keep a single organisation.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrganizationSwitchTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_in_two_organisations_switches_and_sees_the_other_s_patients_with_the_role_held_there()
    {
        await using var app = new ConsoleAppFixture(new Dictionary<string, string>());
        await app.InitializeAsync();
        var home = "home-" + Guid.NewGuid().ToString("N")[..8];
        var other = "other-" + Guid.NewGuid().ToString("N")[..8];
        await new ConsoleApi(app).CreateUserAsync(home);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            // The viewer of the seeded organisation is the admin of a second one, with a patient of its own.
            var organization = new Core.Organizations.Organization { Name = "Second Clinic", CreatedAt = DateTime.UtcNow };
            var team = new Team { OrganizationId = organization.Id, Name = "Second team", CreatedAt = DateTime.UtcNow };
            db.Organizations.Add(organization);
            db.Teams.Add(team);
            db.Users.Add(new User { TeamId = team.Id, ClientUserId = other, CreatedAt = DateTime.UtcNow });
            db.StaffMemberships.Add(new StaffMembership { Email = SeededPeople.Viewer.Email, OrganizationId = organization.Id, Role = ConsoleRoles.Admin, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.SignInAsync(SeededPeople.Viewer, "/patients");

        var switcher = page.GetByTestId("organization-select");
        await Assertions.Expect(switcher).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = home, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = other, Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Members" })).ToHaveCountAsync(0);
        await page.ExpectNoSeriousViolationsAsync("the app bar with an organisation switcher");

        await switcher.SelectOptionAsync(new SelectOptionValue { Label = "Second Clinic" });
        await page.GetByTestId("organization-switch").ClickAsync();
        await page.GetByTestId("user-name").WaitForAsync();
        await page.GotoAsync("/patients");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = other, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = home, Exact = true })).ToHaveCountAsync(0);
        // An admin there: the drawer offers the organisation's administration.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Members" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("organization-select").Locator("option:checked")).ToHaveTextAsync("Second Clinic");
    }
}
