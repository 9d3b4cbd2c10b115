using System.Net;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.DevIdentity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 16: membership was keyed on the <c>email</c> claim alone. Now an invitation is bound to the provider's
/// issuer and subject at the first sign-in, and a sign-in whose email the provider marks unverified is refused.
/// </summary>
public sealed class MembershipBindingTests : IAsyncLifetime
{
    private const string Password = "Shared-Passw0rd!";

    private readonly ConsoleSignInHost _host = new(new Dictionary<string, string?>
    {
        ["DevIdentity:Users:3:Email"] = "unverified@example.org",
        ["DevIdentity:Users:3:Password"] = Password,
        ["DevIdentity:Users:3:Name"] = "Una Unverified",
        ["DevIdentity:Users:3:EmailVerified"] = "false",
        ["DevIdentity:Users:4:Email"] = "colleague@example.org",
        ["DevIdentity:Users:4:Password"] = Password,
        ["DevIdentity:Users:4:Name"] = "Col League",
        ["DevIdentity:Users:4:Subject"] = "account-one",
    });

    public async Task InitializeAsync()
    {
        await _host.StartAsync();
        var organizationId = await OrganizationIdAsync();
        var memberships = _host.Services.GetRequiredService<Memberships>();
        var admin = new AuditActor("admin@example.org", ConsoleRoles.Admin, null);
        Assert.True((await memberships.InviteAsync(admin, organizationId, "unverified@example.org", ConsoleRoles.Support)).Succeeded);
        Assert.True((await memberships.InviteAsync(admin, organizationId, "colleague@example.org", ConsoleRoles.Support)).Succeeded);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_sign_in_whose_email_is_marked_unverified_is_refused_and_gets_no_session()
    {
        using var browser = _host.Browser();
        var (final, visited) = await browser.SignInAsync("unverified@example.org", Password);

        Assert.Contains(visited, uri => uri.PathAndQuery == "/not-a-member?reason=unverified");
        Assert.Contains("data-testid=\"email-unverified\"", await final.Content.ReadAsStringAsync());
        Assert.Null(browser.SessionCookie);
        var invitation = await MembershipAsync("unverified@example.org");
        Assert.Null(invitation.Subject);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/patients")).StatusCode);
    }

    [Fact]
    public async Task After_the_first_sign_in_only_the_same_issuer_and_subject_match_the_membership()
    {
        using (var first = _host.Browser())
        {
            var (page, _) = await first.SignInAsync("colleague@example.org", Password, "/patients");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain("data-testid=\"not-a-member\"", await page.Content.ReadAsStringAsync());
        }
        var bound = await MembershipAsync("colleague@example.org");
        Assert.Equal("account-one", bound.Subject);
        Assert.Equal(_host.Origin.AbsoluteUri, bound.Issuer);

        // Another account at the provider now claims the same email (a re-used or re-assigned address).
        _host.Services.GetRequiredService<IOptions<DevIdentityOptions>>().Value.FindUser("colleague@example.org")!.Subject = "account-two";
        using var second = _host.Browser();
        var (final, visited) = await second.SignInAsync("colleague@example.org", Password, "/patients");

        Assert.Contains(visited, uri => uri.AbsolutePath == "/access-denied");
        Assert.Contains("data-testid=\"not-a-member\"", await final.Content.ReadAsStringAsync());
        Assert.Equal("account-one", (await MembershipAsync("colleague@example.org")).Subject);
    }

    private async Task<Guid> OrganizationIdAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Organizations.Select(o => o.Id).SingleAsync();
    }

    private async Task<StaffMembership> MembershipAsync(string email)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().StaffMemberships.AsNoTracking().SingleAsync(m => m.Email == email);
    }
}
