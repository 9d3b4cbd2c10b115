using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Practices;

/// <summary>
/// Practice-account sign-ins in the audit log (the accounts are installation-wide): the installation's own sign-ins
/// (with a code it read, or unattended with the trusted device) are installation-level entries, with no organisation.
/// An admin's console sign-in with a code is checked in Chromium (PracticeAccountsPageTests).
/// </summary>
public sealed class PracticeAccountSignInAuditTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string SandboxAccount = "practice.sandbox.us@tryvital.example";

    [Fact]
    public async Task An_unattended_sign_in_is_an_installation_level_entry_in_the_same_save_as_the_session()
    {
        var account = Sessions().Accounts.Single(a => a.Email == SandboxAccount);
        await WithDbAsync(async db =>
        {
            // The stored session has run out; the trusted device is still good, so the next link signs in unattended.
            var row = await db.PracticeAccountSessions.SingleAsync(r => r.AccountKey == account.Key);
            row.ProtectedSession = null;
            return await db.SaveChangesAsync();
        });
        var since = AuditAssert.Now();

        var patient = $"p{Guid.NewGuid().ToString("N")[..12]}@example.org";
        factory.Simulator.State.CreateAccount(new AccountSeed { Email = patient, Password = ApiFactory.PatientPassword, Region = "us" });
        factory.Simulator.State.AddShare(new ShareSeed { Patient = patient, PracticeId = BuiltInPractices.Sandbox, Region = "us" });
        var linked = await EmailLinkAsync(patient);
        Assert.True(linked.GetProperty("connected").GetBoolean(), linked.ToString());

        var entry = await WithDbAsync(db => AuditAssert.SingleAsync(db, AuditActions.SignInPracticeAccount,
            AuditActor.Installation("unattended sign-in").Name, AuditActor.InstallationRole, since, e => e.Details!.Contains("unattended")));
        Assert.Equal(($"{SandboxAccount}: unattended, trusted device", (Guid?)null, (Guid?)null), (entry.Details, entry.OrganizationId, entry.TeamId));
        Assert.True(await WithDbAsync(db => db.PracticeAccountSessions.AnyAsync(r => r.AccountKey == account.Key && r.ProtectedSession != null)));
    }

    [Fact]
    public async Task The_installation_s_own_sign_in_with_a_code_is_audited_once_per_account_with_no_organisation()
    {
        var entries = await WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.SignInPracticeAccount && e.ActorRole == AuditActor.InstallationRole && e.Details!.EndsWith(": with a code"))
            .ToListAsync());

        // ApiFactory signs every configured account in once at start-up, as the demo does.
        Assert.Equal(Sessions().Accounts.Select(a => a.Email + ": with a code").Order(), entries.Select(e => e.Details!).Order());
        Assert.All(entries, e => Assert.Equal((AuditActor.Installation("sign-in with a code read by the installation").Name, (Guid?)null), (e.Actor, e.OrganizationId)));
    }

    [Fact]
    public async Task A_console_sign_in_by_someone_who_may_not_manage_the_organisation_is_refused_by_the_core_operation()
    {
        var account = Sessions().Accounts.Single(a => a.Email == SandboxAccount);
        var support = new AuditActor("support@example.org", ConsoleRoles.Support, null);

        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => Sessions().BeginSignInAsync(account.Key, support, Guid.NewGuid(), CancellationToken.None));
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => Sessions().CompleteSignInAsync(account.Key, "123456", support, Guid.NewGuid(), CancellationToken.None));
    }

    private PracticeAccountSessions Sessions() => factory.Services.GetRequiredService<PracticeAccountSessions>();

    private async Task<JsonElement> EmailLinkAsync(string email)
    {
        using var team = factory.ClientFor(ApiFactory.SandboxUsKey);
        var user = await (await team.PostAsJsonAsync("/v2/user", new { client_user_id = "p-" + Guid.NewGuid().ToString("N")[..10] }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var token = (await (await team.PostAsJsonAsync("/v2/link/token", new { user_id = user.GetProperty("user_id").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link_token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/link/provider/email/freestyle_libre")
        {
            Content = JsonContent.Create(new { email, region = "us" }),
        };
        request.Headers.Add("x-vital-link-token", token);
        var response = await factory.AnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }
}
