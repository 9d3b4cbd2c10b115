using System.Net;
using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// A team API key issued in the console works over HTTP, records its last use, and once revoked is refused at once on
/// the instance that revoked it and on every other within <see cref="VerifiedApiKeys.Lifetime"/>.
/// </summary>
public sealed class TeamApiKeyApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, null);

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_by_this_instance_and_within_the_trust_lifetime_by_another_on_the_same_store()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // A second app instance (own services, no shared memory) on the same store, on a clock the test moves.
        var other = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (organizationId, issued) = await IssueAsync("revoke me");
        using var here = factory.ClientFor(issued.Secret);
        using var there = other.CreateClient();
        there.DefaultRequestHeaders.Add("x-vital-api-key", issued.Secret);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/v2/user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await there.GetAsync("/v2/user")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<TeamApiKeys>().RevokeAsync(Admin, organizationId, issued.Key.Id));
        }

        var refusedHere = await here.GetAsync("/v2/user");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedHere.StatusCode);
        // The other instance checked the key in the store less than the lifetime ago: it still trusts it, as documented.
        clock.Advance(VerifiedApiKeys.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await there.GetAsync("/v2/user")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        var refusedThere = await there.GetAsync("/v2/user");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedThere.StatusCode);
        Assert.Contains("error_type", await refusedThere.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_secret_is_never_stored_or_listed_and_a_call_records_the_last_use()
    {
        var (organizationId, issued) = await IssueAsync("last use");
        await using var scope = factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<TeamApiKeys>();
        var listed = Assert.Single(await keys.ListAsync(organizationId), k => k.Id == issued.Key.Id);
        Assert.Null(listed.LastUsedAt);
        Assert.DoesNotContain(issued.Secret, listed.ToString());
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var row = await db.TeamApiKeys.AsNoTracking().SingleAsync(k => k.Id == issued.Key.Id);
        Assert.DoesNotContain(issued.Secret, row.KeyHash + row.Prefix + row.Label);

        using var client = factory.ClientFor(issued.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/user")).StatusCode);

        listed = Assert.Single(await keys.ListAsync(organizationId), k => k.Id == issued.Key.Id);
        Assert.NotNull(listed.LastUsedAt);
    }

    private async Task<(Guid OrganizationId, IssuedTeamApiKey Issued)> IssueAsync(string label)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Name == "Sandbox US");
        var issued = await scope.ServiceProvider.GetRequiredService<TeamApiKeys>().IssueAsync(Admin, team.OrganizationId, team.Id, label);
        return (team.OrganizationId, issued!);
    }
}
