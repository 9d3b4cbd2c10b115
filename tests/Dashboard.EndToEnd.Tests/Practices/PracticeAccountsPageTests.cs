using Dashboard.EndToEnd.Tests.Infrastructure;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Practices;

public sealed class PracticeAccountsPageTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    private const string Account = "practice.production.eu2@tryvital.example";

    [Fact]
    public Task An_admin_signs_a_practice_account_in_with_the_code_LibreView_e_mailed() => InBrowserAsync(async page =>
    {
        var simulator = App.Services.GetRequiredService<SimulatorState>();
        var since = AuditAssert.Now();
        await page.SignInAsync(SeededPeople.Admin, "/practice-accounts");
        var card = page.GetByTestId($"practice-account-{Account}");
        await Assertions.Expect(card.GetByTestId("practice-account-status")).ToHaveTextAsync("Signed in");

        await card.GetByTestId("practice-account-sign-in").ClickAsync();
        await Assertions.Expect(card.GetByTestId("practice-account-code-prompt")).ToContainTextAsync("email to p***@tryvital.example");
        var code = card.GetByTestId("practice-account-code");
        Assert.Equal("numeric", await code.GetAttributeAsync("inputmode"));
        Assert.Equal("one-time-code", await code.GetAttributeAsync("autocomplete"));
        await code.FillAsync(simulator.LastMfaCode(Account)!);
        await card.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(card.GetByTestId("practice-account-code-form")).ToHaveCountAsync(0);
        await Assertions.Expect(card.GetByTestId("practice-account-status")).ToHaveTextAsync("Signed in");
        await Assertions.Expect(card.GetByTestId("practice-account-trusted-device")).ToContainTextAsync("Trusted device valid until");
        await Assertions.Expect(card.GetByTestId("practice-account-problem")).ToHaveCountAsync(0);

        // The account is installation-wide; the admin's sign-in goes to the log of the organisation they work in.
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var entry = await AuditAssert.SingleAsync(db, AuditActions.SignInPracticeAccount, SeededPeople.Admin.Email, SeededPeople.Admin.Role, since,
            e => e.At >= since);
        Assert.Equal(($"{Account}: with a code", (Guid?)null), (entry.Details, entry.TeamId));
        Assert.Contains(entry.OrganizationId!.Value, db.StaffMemberships.Where(m => m.Email == SeededPeople.Admin.Email).Select(m => m.OrganizationId).ToList());
    });
}
