using Dashboard.Core.Access;
using Dashboard.Web.Access;

namespace Dashboard.Web.Components.Pages.Events;

/// <summary>Who is looking at the events page: their organisation's scope, and whether they may administer webhooks.</summary>
public sealed record ConsoleAccess(StaffScope Scope, bool IsAdmin, Dashboard.Core.Audit.AuditActor? Actor = null)
{
    public static async Task<ConsoleAccess> ResolveAsync(CurrentStaff staff, CancellationToken cancellationToken = default) =>
        new(await staff.ScopeAsync(cancellationToken), await staff.MayAsync(ConsolePolicies.ManageOrganization), await staff.ActorAsync());
}
