using Dashboard.Core.Organizations;
using Dashboard.Core.Practices;
using Dashboard.Core.Teams;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Practices;

/// <summary>The domain rules of custom practices and bindings on a real store (no LibreView call needed).</summary>
public sealed class PracticeRulesTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private ServiceProvider _services = null!;
    private PracticeStoreSetup _setup = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        await _store.AddToAsync(services, seedDemo: true);
        services.Configure<PracticeAccountOptions>(o => o.PracticeAccounts.Add(new PracticeAccount
        {
            Environment = TeamEnvironment.Sandbox, Region = "us", Email = "practice.sandbox.us@example.org", Password = "unused",
        }));
        _services = services.BuildServiceProvider();
        _setup = new PracticeStoreSetup(_services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<PracticeResult<CustomPracticeView>> AddAsync(string practiceId, string region = "us", TeamEnvironment environment = TeamEnvironment.Sandbox)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CustomPracticeService>()
            .AddAsync((await _setup.OrganizationAsync()).Id, new AddCustomPractice(practiceId, environment, region), new Dashboard.Core.Audit.AuditActor("admin@example.org", Dashboard.Core.Access.ConsoleRoles.Admin, null));
    }

    private async Task<PracticeResult<PracticeBindingView>> BindAsync(string team, string practiceId)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeBindingService>().BindTeamAsync((await _setup.TeamAsync(team)).Id, practiceId, new Dashboard.Core.Audit.AuditActor("admin@example.org", Dashboard.Core.Access.ConsoleRoles.Admin, null));
    }

    [Theory]
    [InlineData(Plan.Launch)]
    [InlineData(Plan.Grow)]
    public async Task Only_the_scale_plan_may_add_practices_or_bind_and_the_refusal_names_it(Plan plan)
    {
        await _setup.AddPracticeAsync("Acme", PracticeStatus.Active);
        await _setup.SetPlanAsync(plan);

        var added = await AddAsync("Other");
        var bound = await BindAsync("Sandbox US", "Acme");

        Assert.Equal(PracticeRefusal.PlanRequired, added.Refusal);
        Assert.Contains("Scale plan", added.Reason);
        Assert.Contains($"{plan} plan", added.Reason);
        Assert.Equal(PracticeRefusal.PlanRequired, bound.Refusal);
    }

    [Fact]
    public async Task A_practice_id_is_added_once_whatever_its_letter_case()
    {
        Assert.True((await AddAsync("Acme-Clinic")).Succeeded);

        var again = await AddAsync("ACME-clinic");

        Assert.Equal(PracticeRefusal.Duplicate, again.Refusal);
    }

    [Theory]
    [InlineData("", "us")]
    [InlineData("has space", "us")]
    [InlineData("Acme", "de")]
    [InlineData("Acme", "xx")]
    public async Task An_empty_id_or_a_region_the_environment_s_teams_do_not_serve_is_refused(string practiceId, string region)
    {
        var added = await AddAsync(practiceId, region);

        Assert.Equal(PracticeRefusal.Invalid, added.Refusal);
    }

    [Fact]
    public async Task A_region_without_our_practice_account_is_refused_before_setup_starts()
    {
        var added = await AddAsync("Acme", "gb", TeamEnvironment.Production);

        Assert.Equal(PracticeRefusal.LibreViewUnavailable, added.Refusal);
    }

    [Fact]
    public async Task A_practice_of_another_environment_cannot_be_bound()
    {
        await _setup.AddPracticeAsync("Acme-De", PracticeStatus.Active, TeamEnvironment.Production, "de");

        var bound = await BindAsync("Sandbox US", "acme-de");

        Assert.Equal(PracticeRefusal.NotBindable, bound.Refusal);
        Assert.Contains("production", bound.Reason);
    }
}
