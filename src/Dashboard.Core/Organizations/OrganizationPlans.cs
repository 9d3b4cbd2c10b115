using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Organizations;

/// <summary>One plan as the plan page shows it: its name and what it allows.</summary>
public sealed record PlanOffer(Plan Plan, string Name, IReadOnlyList<string> Allows);

/// <summary>An organisation's plan and the plans it could change to.</summary>
public sealed record OrganizationPlan(Guid OrganizationId, string OrganizationName, Plan Current, IReadOnlyList<PlanOffer> Offers);

/// <summary>The outcome of a plan change: the new plan, or why nothing changed.</summary>
public sealed record PlanChange(bool Succeeded, string Message);

/// <summary>
/// The organisation's plan (DESIGN §3: custom practices and team practice bindings need Scale), read and changed by an
/// admin. A change is audited in the same transaction. Practices and bindings made under Scale are kept when the plan
/// goes down; they simply cannot be added or changed again until the plan allows it (nothing is lost by a downgrade).
/// </summary>
public sealed class OrganizationPlans(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit)
{
    /// <summary>What each plan allows, in plan order; the first line is what every plan has.</summary>
    public static IReadOnlyList<PlanOffer> Offers { get; } = Enum.GetValues<Plan>().Select(plan => new PlanOffer(plan, PracticePlan.NameOf(plan),
        PracticePlan.Allows(plan)
            ? ["Teams, API keys, members and webhooks", "Patients share with the built-in practice", "Custom practices and team practice bindings"]
            : ["Teams, API keys, members and webhooks", "Patients share with the built-in practice"])).ToList();

    public async Task<OrganizationPlan?> GetAsync(StaffScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == scope.OrganizationId, ct);
        return organization is null ? null : new OrganizationPlan(organization.Id, organization.Name, organization.Plan, Offers);
    }

    public async Task<PlanChange> ChangeAsync(StaffScope scope, Plan plan, AuditActor actor, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        if (!Enum.IsDefined(plan))
        {
            return new PlanChange(false, "Choose one of the plans listed.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == scope.OrganizationId, ct);
        if (organization is null)
        {
            return new PlanChange(false, "No such organisation.");
        }
        if (organization.Plan == plan)
        {
            return new PlanChange(false, $"{organization.Name} is already on the {PracticePlan.NameOf(plan)} plan.");
        }
        var before = organization.Plan;
        organization.Plan = plan;
        audit.Append(db, actor, AuditActions.ChangePlan, details: $"{PracticePlan.NameOf(before)} → {PracticePlan.NameOf(plan)}", organizationId: organization.Id);
        await db.SaveChangesAsync(ct);
        return new PlanChange(true, $"{organization.Name} is now on the {PracticePlan.NameOf(plan)} plan.");
    }
}
