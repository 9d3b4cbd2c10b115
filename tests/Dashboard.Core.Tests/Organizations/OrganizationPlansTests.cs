using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Organizations;

/// <summary>
/// Plan offers name what each plan allows by code, and a plan change answers with an outcome code, the organisation's
/// name and the plan (the console words them in the person's language), with the same in invariant English.
/// </summary>
public sealed class OrganizationPlansTests : IAsyncLifetime
{
    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, null);
    private CoreStore _store = null!;
    private StaffScope _scope = null!;

    private OrganizationPlans Plans => _store.Get<OrganizationPlans>();

    public async Task InitializeAsync()
    {
        _store = await CoreStore.CreateAsync();
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var organization = new Organization { Name = "Plan Test Org", Plan = Plan.Scale, CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        _scope = new StaffScope(organization.Id, organization.Name, []);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public void Every_plan_offers_the_basics_and_only_Scale_custom_practices()
    {
        var offers = OrganizationPlans.Offers.ToDictionary(o => o.Plan);

        Assert.Equal([PlanFeature.TeamsKeysMembersWebhooks, PlanFeature.BuiltInPractice], offers[Plan.Launch].Features);
        Assert.Equal([PlanFeature.TeamsKeysMembersWebhooks, PlanFeature.BuiltInPractice], offers[Plan.Grow].Features);
        Assert.Equal([PlanFeature.TeamsKeysMembersWebhooks, PlanFeature.BuiltInPractice, PlanFeature.CustomPractices], offers[Plan.Scale].Features);
        Assert.Equal(["Teams, API keys, members and webhooks", "Patients share with the built-in practice", "Custom practices and team practice bindings"], offers[Plan.Scale].Allows);
    }

    [Fact]
    public async Task A_change_is_Changed_with_the_organisation_and_the_new_plan()
    {
        var change = await Plans.ChangeAsync(_scope, Plan.Grow, Admin);

        Assert.Equal(new PlanChange(PlanChangeOutcome.Changed, "Plan Test Org", Plan.Grow), change);
        Assert.True(change.Succeeded);
        Assert.Equal("Plan Test Org is now on the Grow plan.", change.Message);
        Assert.Equal(Plan.Grow, (await Plans.GetAsync(_scope))!.Current);
    }

    [Fact]
    public async Task The_plan_the_organisation_is_on_is_AlreadyOnPlan_and_audits_nothing()
    {
        var change = await Plans.ChangeAsync(_scope, Plan.Scale, Admin);

        Assert.Equal(new PlanChange(PlanChangeOutcome.AlreadyOnPlan, "Plan Test Org", Plan.Scale), change);
        Assert.False(change.Succeeded);
        Assert.Equal("Plan Test Org is already on the Scale plan.", change.Message);
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ChangePlan));
    }

    [Fact]
    public async Task A_plan_that_does_not_exist_is_UnknownPlan_and_a_missing_organisation_NoOrganization()
    {
        var unknown = await Plans.ChangeAsync(_scope, (Plan)42, Admin);
        var nowhere = await Plans.ChangeAsync(new StaffScope(Guid.NewGuid(), "Gone", []), Plan.Grow, Admin);

        Assert.Equal((PlanChangeOutcome.UnknownPlan, false, "Choose one of the plans listed."), (unknown.Outcome, unknown.Succeeded, unknown.Message));
        Assert.Equal((PlanChangeOutcome.NoOrganization, false, "No such organisation."), (nowhere.Outcome, nowhere.Succeeded, nowhere.Message));
        Assert.Equal(Plan.Scale, (await Plans.GetAsync(_scope))!.Current);
    }
}
