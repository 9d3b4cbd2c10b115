using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Organizations;

/// <summary>Something a plan allows; the console names each in its own language.</summary>
public enum PlanFeature
{
    /// <summary>Teams, API keys, members and webhooks (every plan).</summary>
    TeamsKeysMembersWebhooks,
    /// <summary>Patients share with the built-in practice (every plan).</summary>
    BuiltInPractice,
    /// <summary>Custom practices and team practice bindings (<see cref="PracticePlan.Required"/> only).</summary>
    CustomPractices,
}

/// <summary>
/// One plan as the plan page shows it: its name and the <see cref="Features"/> it allows; <see cref="Allows"/> says the
/// same in invariant English.
/// </summary>
public sealed record PlanOffer(Plan Plan, string Name, IReadOnlyList<PlanFeature> Features)
{
    public IReadOnlyList<string> Allows => Features.Select(EnglishOf).ToList();

    private static string EnglishOf(PlanFeature feature) => feature switch
    {
        PlanFeature.TeamsKeysMembersWebhooks => "Teams, API keys, members and webhooks",
        PlanFeature.BuiltInPractice => "Patients share with the built-in practice",
        PlanFeature.CustomPractices => "Custom practices and team practice bindings",
        _ => feature.ToString(),
    };
}

/// <summary>An organisation's plan and the plans it could change to.</summary>
public sealed record OrganizationPlan(Guid OrganizationId, string OrganizationName, Plan Current, IReadOnlyList<PlanOffer> Offers);

/// <summary>What a plan change came to. The console says each in its own language from the code.</summary>
public enum PlanChangeOutcome
{
    /// <summary>Done: <see cref="PlanChange.OrganizationName"/> is now on <see cref="PlanChange.Plan"/>.</summary>
    Changed,
    /// <summary>Refused: the plan is not one of <see cref="Dashboard.Core.Organizations.Plan"/>'s values.</summary>
    UnknownPlan,
    /// <summary>Refused: the person's organisation does not exist.</summary>
    NoOrganization,
    /// <summary>Nothing changed: <see cref="PlanChange.OrganizationName"/> is already on <see cref="PlanChange.Plan"/>.</summary>
    AlreadyOnPlan,
}

/// <summary>
/// The outcome of a plan change: an <see cref="Outcome"/> code with the organisation's name and the plan it is about,
/// for the console to say in the person's language, and <see cref="Message"/>, the same in invariant English.
/// </summary>
public sealed record PlanChange(PlanChangeOutcome Outcome, string? OrganizationName = null, Plan? Plan = null)
{
    public bool Succeeded => Outcome == PlanChangeOutcome.Changed;

    public string Message => Outcome switch
    {
        PlanChangeOutcome.Changed => $"{OrganizationName} is now on the {PlanName} plan.",
        PlanChangeOutcome.UnknownPlan => "Choose one of the plans listed.",
        PlanChangeOutcome.NoOrganization => "No such organisation.",
        PlanChangeOutcome.AlreadyOnPlan => $"{OrganizationName} is already on the {PlanName} plan.",
        _ => Outcome.ToString(),
    };

    private string PlanName => Plan is { } plan ? PracticePlan.NameOf(plan) : "";
}

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
            ? [PlanFeature.TeamsKeysMembersWebhooks, PlanFeature.BuiltInPractice, PlanFeature.CustomPractices]
            : [PlanFeature.TeamsKeysMembersWebhooks, PlanFeature.BuiltInPractice])).ToList();

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
            return new PlanChange(PlanChangeOutcome.UnknownPlan, Plan: plan);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == scope.OrganizationId, ct);
        if (organization is null)
        {
            return new PlanChange(PlanChangeOutcome.NoOrganization, Plan: plan);
        }
        if (organization.Plan == plan)
        {
            return new PlanChange(PlanChangeOutcome.AlreadyOnPlan, organization.Name, plan);
        }
        var before = organization.Plan;
        organization.Plan = plan;
        audit.Append(db, actor, AuditActions.ChangePlan, details: $"{PracticePlan.NameOf(before)} → {PracticePlan.NameOf(plan)}", organizationId: organization.Id);
        await db.SaveChangesAsync(ct);
        return new PlanChange(PlanChangeOutcome.Changed, organization.Name, plan);
    }
}
