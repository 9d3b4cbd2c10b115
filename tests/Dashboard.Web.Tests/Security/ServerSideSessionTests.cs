using System.Net;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 13: a session cookie captured before sign-out kept working (stateless cookie, 8 h sliding). Sessions
/// now live in the store: sign-out, a role change or a member's removal ends them on every instance.
/// </summary>
public sealed class ServerSideSessionTests : IAsyncLifetime
{
    private readonly ConsoleSignInHost _host = new();

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_cookie_captured_before_sign_out_no_longer_works_afterwards()
    {
        using var browser = _host.Browser();
        var (signedIn, _) = await browser.SignInAsync("admin@example.org", "Admin-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var captured = browser.SessionCookie;
        Assert.NotNull(captured);
        // Only the protected session key: a whole ticket (claims, id and access tokens) would be several kilobytes, in chunks.
        Assert.True(captured.Length < 1024, $"the cookie carries only a session key, not the ticket ({captured.Length} characters)");
        Assert.Equal(1, await CountSessionsAsync());

        var (name, value) = await browser.AntiforgeryAsync();
        var logout = await browser.Client.PostAsync("/authentication/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { [name] = value, ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(0, await CountSessionsAsync());

        using var attacker = _host.Browser();
        attacker.Cookies.Add(_host.Origin, new Cookie(".Dashboard.Session", captured));
        var replay = await attacker.Client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/connect/authorize", replay.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task A_role_change_ends_the_persons_session_and_the_new_role_applies_at_the_next_sign_in()
    {
        using var support = _host.Browser();
        await support.SignInAsync("support@example.org", "Support-Passw0rd!", "/events");
        Assert.Equal(HttpStatusCode.OK, (await support.Client.GetAsync("/events")).StatusCode);

        var (organizationId, member) = await MembershipOfAsync("support@example.org");
        var memberships = _host.Services.GetRequiredService<Memberships>();
        var changed = await memberships.ChangeRoleAsync(Admin, organizationId, member, ConsoleRoles.Viewer);
        Assert.True(changed.Succeeded, changed.Message);

        var after = await support.Client.GetAsync("/events");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/connect/authorize", after.Headers.Location!.AbsoluteUri);

        // Signed in again (the provider still has its own session), the person is a viewer: the event stream is refused.
        var (again, visited) = await support.FollowAsync(after);
        Assert.Contains(visited, uri => uri.AbsolutePath == "/access-denied");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Removing_a_member_ends_their_session_and_they_see_the_not_a_member_page()
    {
        using var viewer = _host.Browser();
        await viewer.SignInAsync("viewer@example.org", "Viewer-Passw0rd!", "/");
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync("/")).StatusCode);

        var (organizationId, member) = await MembershipOfAsync("viewer@example.org");
        var removed = await _host.Services.GetRequiredService<Memberships>().RemoveAsync(Admin, organizationId, member);
        Assert.True(removed.Succeeded, removed.Message);

        var after = await viewer.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        var (final, _) = await viewer.FollowAsync(after);
        Assert.Contains("data-testid=\"not-a-member\"", await final.Content.ReadAsStringAsync());
    }

    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, null);

    private async Task<int> CountSessionsAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().StaffSessions.CountAsync();
    }

    private async Task<(Guid OrganizationId, Guid MembershipId)> MembershipOfAsync(string email)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var m = await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().StaffMemberships.SingleAsync(m => m.Email == email);
        return (m.OrganizationId, m.Id);
    }
}
