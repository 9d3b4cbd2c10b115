using Dashboard.Core.Access;
using Dashboard.Core.Tests.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Notifications;

/// <summary>Members of the sync harness's organisation, one per kind of person the notification rules tell apart.</summary>
internal sealed record StaffPeople(StaffScope Scope, string SupportOne, string SupportTwo, string Viewer, string Admin)
{
    public static async Task<StaffPeople> AddToAsync(SyncHarness h)
    {
        var team = await h.WithDbAsync(db => db.Teams.Where(t => t.Id == h.TeamId).Select(t => new { t.OrganizationId, t.Organization!.Name }).SingleAsync());
        var (organizationId, name) = (team.OrganizationId, team.Name);
        var people = new StaffPeople(new StaffScope(organizationId, name, [h.TeamId]),
            "support.one@example.org", "support.two@example.org", "viewer@example.org", "admin@example.org");
        await h.WithDbAsync(async db =>
        {
            foreach (var (email, role) in new[] { (people.SupportOne, ConsoleRoles.Support), (people.SupportTwo, ConsoleRoles.Support), (people.Viewer, ConsoleRoles.Viewer), (people.Admin, ConsoleRoles.Admin) })
            {
                db.StaffMemberships.Add(new StaffMembership { Email = email, OrganizationId = organizationId, Role = role, CreatedAt = h.Time.GetUtcNow().UtcDateTime });
            }
            return await db.SaveChangesAsync();
        });
        return people;
    }
}
