using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Access;

/// <summary>
/// Membership changes answer with an outcome code and the address and role it is about (the console words it in the
/// person's language), with the same in invariant English as <see cref="MembershipResult.Message"/>.
/// </summary>
public sealed class MembershipsTests : IAsyncLifetime
{
    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, null);
    private CoreStore _store = null!;
    private Guid _organizationId;
    private Guid _adminMembership;

    private Memberships Memberships => _store.Get<Memberships>();

    public async Task InitializeAsync()
    {
        _store = await CoreStore.CreateAsync();
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var organization = new Organization { Name = "Membership Test Org", CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(organization);
        var admin = new StaffMembership { Email = Admin.Name, OrganizationId = organization.Id, Role = ConsoleRoles.Admin, CreatedAt = DateTime.UtcNow };
        db.StaffMemberships.Add(admin);
        await db.SaveChangesAsync();
        (_organizationId, _adminMembership) = (organization.Id, admin.Id);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task An_invitation_is_Invited_with_the_normalised_address_and_the_role()
    {
        var result = await Memberships.InviteAsync(Admin, _organizationId, " Sam@Example.org ", ConsoleRoles.Viewer);

        Assert.Equal(new MembershipResult(MembershipOutcome.Invited, "sam@example.org", ConsoleRoles.Viewer), result);
        Assert.True(result.Succeeded);
        Assert.Equal("sam@example.org may now sign in as viewer.", result.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an email")]
    [InlineData("Sam <sam@example.org>")]
    public async Task An_invitation_without_a_usable_address_is_EmailInvalid(string? email)
    {
        var result = await Memberships.InviteAsync(Admin, _organizationId, email, ConsoleRoles.Viewer);

        Assert.Equal(MembershipOutcome.EmailInvalid, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Equal("Enter the person's email address, e.g. name@example.org.", result.Message);
        Assert.Equal(1, await CountMembersAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("owner")]
    [InlineData("Admin")]
    public async Task An_invitation_or_a_role_change_to_no_known_role_is_RoleInvalid(string? role)
    {
        var invited = await Memberships.InviteAsync(Admin, _organizationId, "sam@example.org", role);
        var changed = await Memberships.ChangeRoleAsync(Admin, _organizationId, _adminMembership, role);

        Assert.Equal(MembershipOutcome.RoleInvalid, invited.Outcome);
        Assert.Equal(MembershipOutcome.RoleInvalid, changed.Outcome);
        Assert.False(invited.Succeeded || changed.Succeeded);
        Assert.Equal("Choose a role: admin, support, viewer.", changed.Message);
        Assert.Equal(1, await CountMembersAsync());
    }

    [Fact]
    public async Task Inviting_a_member_again_is_AlreadyMember_in_any_case()
    {
        var result = await Memberships.InviteAsync(Admin, _organizationId, "ADMIN@example.org", ConsoleRoles.Support);

        Assert.Equal(MembershipOutcome.AlreadyMember, result.Outcome);
        Assert.Equal("admin@example.org", result.Email);
        Assert.False(result.Succeeded);
        Assert.Equal("admin@example.org is already a member.", result.Message);
    }

    [Fact]
    public async Task A_new_role_is_RoleChanged_and_the_same_role_again_is_RoleUnchanged_without_an_audit_entry()
    {
        var sam = await InviteAsync("sam@example.org", ConsoleRoles.Support);

        var changed = await Memberships.ChangeRoleAsync(Admin, _organizationId, sam, ConsoleRoles.Admin);
        var again = await Memberships.ChangeRoleAsync(Admin, _organizationId, sam, ConsoleRoles.Admin);

        Assert.Equal(new MembershipResult(MembershipOutcome.RoleChanged, "sam@example.org", ConsoleRoles.Admin), changed);
        Assert.Equal("sam@example.org is now admin.", changed.Message);
        Assert.Equal(new MembershipResult(MembershipOutcome.RoleUnchanged, "sam@example.org", ConsoleRoles.Admin), again);
        Assert.True(again.Succeeded);
        Assert.Equal("sam@example.org is already admin.", again.Message);
        Assert.Equal(1, await CountAuditAsync(AuditActions.ChangeMemberRole));
    }

    [Fact]
    public async Task The_only_admin_is_LastAdminCannotChangeRole_and_LastAdminCannotBeRemoved_until_there_is_another()
    {
        var demoted = await Memberships.ChangeRoleAsync(Admin, _organizationId, _adminMembership, ConsoleRoles.Viewer);
        var removed = await Memberships.RemoveAsync(Admin, _organizationId, _adminMembership);

        Assert.Equal(new MembershipResult(MembershipOutcome.LastAdminCannotChangeRole, Admin.Name, ConsoleRoles.Admin), demoted);
        Assert.Equal("admin@example.org is the organisation's only admin: make someone else admin first.", demoted.Message);
        Assert.Equal(new MembershipResult(MembershipOutcome.LastAdminCannotBeRemoved, Admin.Name, ConsoleRoles.Admin), removed);
        Assert.Equal("admin@example.org is the organisation's only admin and cannot be removed.", removed.Message);
        Assert.False(demoted.Succeeded || removed.Succeeded);

        await InviteAsync("second.admin@example.org", ConsoleRoles.Admin);
        Assert.Equal(MembershipOutcome.RoleChanged, (await Memberships.ChangeRoleAsync(Admin, _organizationId, _adminMembership, ConsoleRoles.Viewer)).Outcome);
    }

    [Fact]
    public async Task A_removal_is_Removed_with_the_address_and_a_second_one_is_NotAMember()
    {
        var sam = await InviteAsync("sam@example.org", ConsoleRoles.Support);

        var removed = await Memberships.RemoveAsync(Admin, _organizationId, sam);
        var again = await Memberships.RemoveAsync(Admin, _organizationId, sam);
        var roleOfNobody = await Memberships.ChangeRoleAsync(Admin, _organizationId, sam, ConsoleRoles.Viewer);

        Assert.Equal(new MembershipResult(MembershipOutcome.Removed, "sam@example.org", ConsoleRoles.Support), removed);
        Assert.True(removed.Succeeded);
        Assert.Equal("sam@example.org no longer belongs to this organisation.", removed.Message);
        Assert.Equal(MembershipOutcome.NotAMember, again.Outcome);
        Assert.Equal(MembershipOutcome.NotAMember, roleOfNobody.Outcome);
        Assert.False(again.Succeeded || roleOfNobody.Succeeded);
        Assert.Equal("That person is not a member of this organisation.", again.Message);
    }

    [Fact]
    public async Task Another_organisations_member_is_NotAMember_here()
    {
        var elsewhere = await Memberships.RemoveAsync(Admin, Guid.NewGuid(), _adminMembership);

        Assert.Equal(MembershipOutcome.NotAMember, elsewhere.Outcome);
        Assert.Equal(1, await CountMembersAsync());
    }

    private async Task<Guid> InviteAsync(string email, string role)
    {
        var result = await Memberships.InviteAsync(Admin, _organizationId, email, role);
        Assert.Equal(MembershipOutcome.Invited, result.Outcome);
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.StaffMemberships.Where(m => m.Email == email).Select(m => m.Id).SingleAsync();
    }

    private async Task<int> CountMembersAsync()
    {
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.StaffMemberships.CountAsync();
    }

    private async Task<int> CountAuditAsync(string action)
    {
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(e => e.Action == action);
    }
}
