using System.Net.Http.Json;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Practices;

public sealed class PracticesPageTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    private const string OurSandboxAccount = "practice.sandbox.us@tryvital.example";

    [Fact]
    public Task An_admin_adds_a_custom_practice_verifies_it_once_invited_and_binds_a_team_to_it() => InBrowserAsync(async page =>
    {
        var practiceId = "E2E-Clinic-" + Guid.NewGuid().ToString("N")[..6];
        var since = AuditAssert.Now();
        await page.SignInAsync(SeededPeople.Admin, "/practices");
        await Assertions.Expect(page.GetByTestId("built-in-practices")).ToContainTextAsync("tryVital-sandbox");

        await page.GetByLabel("Practice ID").FillAsync(practiceId);
        await page.GetByLabel("Practice ID").PressAsync("Enter");

        var practice = page.GetByTestId($"custom-practice-{practiceId}");
        await Assertions.Expect(practice.GetByTestId($"status-{practiceId}")).ToHaveTextAsync("invited");
        await Assertions.Expect(practice.GetByTestId($"setup-steps-{practiceId}")).ToContainTextAsync(OurSandboxAccount);

        await practice.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(practice).ToContainTextAsync("Not visible yet");

        await InviteOurAccountAsync(practiceId);
        await practice.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(practice.GetByTestId($"status-{practiceId}")).ToHaveTextAsync("active");

        var binding = page.GetByTestId("binding-Sandbox US");
        await binding.GetByText(practiceId).ClickAsync();
        await binding.GetByRole(AriaRole.Button, new() { Name = "Bind" }).ClickAsync();
        await Assertions.Expect(binding.GetByTestId("binding-summary")).ToContainTextAsync($"Bound to {practiceId}");
        await Assertions.Expect(binding.GetByTestId("new-connections-note")).ToContainTextAsync("new connections only");

        // Adding and verifying are each one AuditActions.ChangePractice entry (the refused first Verify is none).
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var organizationId = db.Practices.Single(p => p.PracticeId == practiceId).OrganizationId;
        foreach (var details in new[] { $"added {practiceId} (sandbox, us)", $"verified {practiceId}: active" })
        {
            var entry = await AuditAssert.SingleAsync(db, AuditActions.ChangePractice, SeededPeople.Admin.Email, SeededPeople.Admin.Role, since, e => e.Details == details);
            Assert.Equal((Guid?)organizationId, entry.OrganizationId);
        }
    });

    /// <summary>What the customer does in LibreView: invite our practice account to their practice (here: the simulator's control API).</summary>
    private async Task InviteOurAccountAsync(string practiceId)
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        var response = await client.PostAsJsonAsync("/_libreview/_sim/practices",
            new { practiceId, name = "E2E Clinic", region = "us", members = new[] { OurSandboxAccount } });
        response.EnsureSuccessStatusCode();
    }
}
