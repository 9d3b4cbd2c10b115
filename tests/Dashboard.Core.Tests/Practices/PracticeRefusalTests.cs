using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Organizations;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;
using LibreView.Client;
using Practice = Dashboard.Core.Practices.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Practices;

/// <summary>
/// A refused practice or binding change answers with a problem code and the facts it is about (the console words it in
/// the person's language), with the same in invariant English as <see cref="PracticeResult{T}.Reason"/>; the coarse
/// <see cref="PracticeRefusal"/> the API maps to a status stays as it was.
/// </summary>
public sealed class PracticeRefusalTests : IAsyncLifetime
{
    private const string AccountEmail = "practice.sandbox.us@example.org";
    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, null);
    private CoreStore _store = null!;
    private Guid _organizationId;
    private Team _sandboxUs = null!;

    public async Task InitializeAsync()
    {
        _store = await CoreStore.CreateAsync(services => services.Configure<PracticeAccountOptions>(o =>
            o.PracticeAccounts.Add(new PracticeAccount { Environment = TeamEnvironment.Sandbox, Region = "us", Email = AccountEmail, Password = "secret" })));
        await WithDbAsync(db =>
        {
            var organization = new Organization { Name = "Practice Test Org", Plan = Plan.Scale, CreatedAt = DateTime.UtcNow };
            _sandboxUs = new Team { OrganizationId = organization.Id, Name = "Sandbox US", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = DateTime.UtcNow };
            db.Organizations.Add(organization);
            db.Teams.Add(_sandboxUs);
            _organizationId = organization.Id;
            return db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Adding_outside_Scale_is_PlanRequired_with_the_organisation_s_plan()
    {
        await WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(o => o.SetProperty(x => x.Plan, Plan.Grow)));

        var added = await AddAsync("Acme", "us");

        Assert.Equal(PracticeRefusal.PlanRequired, added.Refusal);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.PlanRequired, Plan: Plan.Grow), added.Why);
        Assert.Equal(PracticePlan.Explanation(Plan.Grow), added.Reason);
        Assert.Contains("This organisation is on the Grow plan", added.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Acme Clinic")]
    public async Task A_missing_or_spaced_Practice_ID_is_PracticeIdInvalid(string? practiceId)
    {
        var added = await AddAsync(practiceId, "us");

        Assert.Equal((PracticeRefusal.Invalid, PracticeProblem.PracticeIdInvalid), (added.Refusal, added.Why!.Problem));
        Assert.Equal($"Enter the LibreView Practice ID: 1 to {CustomPracticeService.MaxPracticeIdLength} characters, no spaces.", added.Reason);
    }

    [Fact]
    public async Task An_environment_without_a_team_is_NoTeamInEnvironment_and_a_region_it_does_not_serve_RegionNotServed()
    {
        var production = await AddAsync("Acme", "us", TeamEnvironment.Production);
        var elsewhere = await AddAsync("Acme", "gb");

        Assert.Equal(new PracticeRefusalReason(PracticeProblem.NoTeamInEnvironment, Environment: TeamEnvironment.Production), production.Why);
        Assert.Equal("This organisation has no production team, so it cannot use a production practice.", production.Reason);
        Assert.Equal((PracticeRefusal.Invalid, PracticeProblem.RegionNotServed, "gb", TeamEnvironment.Sandbox),
            (elsewhere.Refusal, elsewhere.Why!.Problem, elsewhere.Why.Region, elsewhere.Why.Environment));
        Assert.Equal(LibreViewCountries.CodesFor(DeploymentRegion.Us).Order(StringComparer.Ordinal), elsewhere.Why.Regions);
        Assert.StartsWith("'gb' is not a region the sandbox teams serve. Choose one of: ca, hk,", elsewhere.Reason);
    }

    [Fact]
    public async Task A_region_with_no_practice_account_is_NoPracticeAccountYet_with_LibreView_s_region()
    {
        var added = await AddAsync("Acme", "kr");

        Assert.Equal(PracticeRefusal.LibreViewUnavailable, added.Refusal);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.NoPracticeAccountYet, Environment: TeamEnvironment.Sandbox, ApiRegion: LibreViewCountries.ApiRegionFor("kr")), added.Why);
        Assert.Equal($"We have no sandbox practice account in LibreView region {LibreViewCountries.ApiRegionFor("kr")} yet, so a practice there cannot be connected. Contact support.", added.Reason);
    }

    [Fact]
    public async Task The_same_Practice_ID_in_another_case_is_DuplicatePractice_and_a_bound_practice_cannot_be_removed_InUse()
    {
        var first = await AddAsync("Acme-Clinic", "us");
        var again = await AddAsync("ACME-clinic", "us");
        await WithDbAsync(db =>
        {
            db.TeamPracticeBindings.Add(new TeamPracticeBinding { TeamId = _sandboxUs.Id, Provider = Providers.FreeStyleLibre, PracticeId = "Acme-Clinic", PracticeIdKey = "acme-clinic", CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var removed = await WithPracticesAsync(p => p.RemoveAsync(_organizationId, first.Value!.Id, Admin));
        var nothing = await WithPracticesAsync(p => p.RemoveAsync(_organizationId, Guid.NewGuid(), Admin));

        Assert.True(first.Succeeded);
        Assert.Null(first.Why);
        Assert.Equal((PracticeRefusal.Duplicate, PracticeProblem.DuplicatePractice, "ACME-clinic"), (again.Refusal, again.Why!.Problem, again.Why.PracticeId));
        Assert.Equal("This organisation already has the practice 'ACME-clinic' (Practice IDs are compared without regard to letter case).", again.Reason);
        Assert.Equal((PracticeRefusal.InUse, PracticeProblem.InUse, "Acme-Clinic"), (removed.Refusal, removed.Why!.Problem, removed.Why.PracticeId));
        Assert.Equal(["Sandbox US"], removed.Why.Teams);
        Assert.Equal("Acme-Clinic cannot be removed while Sandbox US is bound to it. Unbind that team first.", removed.Reason);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.PracticeNotFound), nothing.Why);
    }

    [Fact]
    public async Task Verifying_where_no_practice_account_serves_is_NoPracticeAccount()
    {
        var practice = await AddPracticeAsync("Korea-Clinic", PracticeStatus.Invited, region: "kr");

        var verified = await WithPracticesAsync(p => p.VerifyAsync(_organizationId, practice, Admin));

        Assert.Equal(PracticeRefusal.LibreViewUnavailable, verified.Refusal);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.NoPracticeAccount, Environment: TeamEnvironment.Sandbox, ApiRegion: LibreViewCountries.ApiRegionFor("kr")), verified.Why);
        Assert.EndsWith(". Contact support.", verified.Reason);
    }

    [Fact]
    public async Task A_binding_names_why_a_practice_cannot_serve_the_team()
    {
        await AddPracticeAsync("Invited-Us", PracticeStatus.Invited);
        await AddPracticeAsync("Active-Production", PracticeStatus.Active, TeamEnvironment.Production);
        await AddPracticeAsync("Active-Gb", PracticeStatus.Active, region: "gb");

        var missing = await BindAsync(_sandboxUs.Id, " ");
        var unknown = await BindAsync(_sandboxUs.Id, " Nowhere ");
        var invited = await BindAsync(_sandboxUs.Id, "invited-us");
        var production = await BindAsync(_sandboxUs.Id, "Active-Production");
        var gb = await BindAsync(_sandboxUs.Id, "Active-Gb");
        var noTeam = await BindAsync(Guid.NewGuid(), "Active-Gb");

        Assert.Equal((PracticeRefusal.Invalid, new PracticeRefusalReason(PracticeProblem.BindingPracticeIdMissing)), (missing.Refusal, missing.Why));
        Assert.Equal((PracticeRefusal.NotBindable, new PracticeRefusalReason(PracticeProblem.NotACustomPractice, PracticeId: "Nowhere")), (unknown.Refusal, unknown.Why));
        Assert.Equal("'Nowhere' is not a custom practice of this organisation. Add it on the Practices page and verify it first.", unknown.Reason);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.PracticeNotActive, PracticeId: "Invited-Us"), invited.Why);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.EnvironmentMismatch, PracticeId: "Active-Production", Environment: TeamEnvironment.Production, TeamEnvironment: TeamEnvironment.Sandbox), production.Why);
        Assert.Equal("The practice 'Active-Production' is a production practice; this team is sandbox.", production.Reason);
        Assert.Equal(new PracticeRefusalReason(PracticeProblem.RegionMismatch, PracticeId: "Active-Gb", Region: "gb", Deployment: DeploymentRegion.Us), gb.Why);
        Assert.Equal("The practice 'Active-Gb' is in region gb, which the team's US deployment does not serve.", gb.Reason);
        Assert.Equal((PracticeRefusal.NotFound, new PracticeRefusalReason(PracticeProblem.TeamNotFound)), (noTeam.Refusal, noTeam.Why));
        Assert.Equal(0, await WithDbAsync(db => db.TeamPracticeBindings.CountAsync()));
    }

    [Theory]
    [InlineData(LibreViewErrorKind.ReauthenticationRequired, PracticeAccountProblemKind.CodeRequired)]
    [InlineData(LibreViewErrorKind.MfaRequired, PracticeAccountProblemKind.CodeRequired)]
    [InlineData(LibreViewErrorKind.CredentialError, PracticeAccountProblemKind.CredentialsRejected)]
    [InlineData(LibreViewErrorKind.LockedOut, PracticeAccountProblemKind.LockedOut)]
    [InlineData(LibreViewErrorKind.RegionBlocked, PracticeAccountProblemKind.RegionBlocked)]
    public void A_practice_account_s_sign_in_failure_has_a_kind_and_the_same_English_as_before(LibreViewErrorKind error, PracticeAccountProblemKind kind)
    {
        var problem = PracticeAccountProblem.Of(new LibreViewError(error, "what LibreView said"));

        Assert.Equal(new PracticeAccountProblem(kind), problem);
        Assert.Equal(PracticeAccountSessions.ProblemOf(new LibreViewError(error, "what LibreView said")), problem.Message);
        Assert.DoesNotContain("what LibreView said", problem.Message);
    }

    [Fact]
    public void Any_other_sign_in_failure_keeps_LibreView_s_words()
    {
        var problem = PracticeAccountProblem.Of(new LibreViewError(LibreViewErrorKind.ProviderApiError, "HTTP 503"));

        Assert.Equal(new PracticeAccountProblem(PracticeAccountProblemKind.Other, "HTTP 503"), problem);
        Assert.Equal("LibreView could not sign this practice account in: HTTP 503", problem.Message);
    }

    [Fact]
    public async Task A_sign_in_step_for_no_configured_account_is_NoSuchAccount_and_one_with_no_code_waiting_NothingWaiting()
    {
        await using var scope = _store.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<PracticeAccountSessions>();
        var account = sessions.Accounts.Single();

        var unknown = await sessions.BeginSignInAsync("no such key", Admin, _organizationId, CancellationToken.None);
        var resent = await sessions.ResendCodeAsync(account.Key, CancellationToken.None);
        var completed = await sessions.CompleteSignInAsync(account.Key, "123456", Admin, _organizationId, CancellationToken.None);

        Assert.Equal(new PracticeSignInStep(PracticeSignInOutcome.NoSuchAccount), unknown);
        Assert.Equal((false, false, "No such practice account is configured."), (unknown.SignedIn, unknown.AwaitingCode, unknown.Error));
        Assert.Equal(new PracticeSignInStep(PracticeSignInOutcome.NothingWaiting), resent);
        Assert.Equal(new PracticeSignInStep(PracticeSignInOutcome.NothingWaiting), completed);
        Assert.Equal("No sign-in is waiting for a code. Start the sign-in again.", completed.Error);
    }

    [Fact]
    public void A_step_waiting_for_a_code_keeps_where_it_went_and_its_English()
    {
        var hint = new PracticeCodeHint("email", "p***@example.org");

        Assert.Equal("email to p***@example.org", hint.Text);
        Assert.True(new PracticeSignInStep(PracticeSignInOutcome.CodeMalformed, hint).AwaitingCode);
        Assert.True(new PracticeSignInStep(PracticeSignInOutcome.CodeRejected, hint).AwaitingCode);
        Assert.False(new PracticeSignInStep(PracticeSignInOutcome.CannotSignIn, hint, new PracticeAccountProblem(PracticeAccountProblemKind.LockedOut)).AwaitingCode);
        Assert.Equal("email to p***@example.org", new PracticeSignInStep(PracticeSignInOutcome.AwaitingCode, hint).CodeHint);
        Assert.Equal("LibreView did not send a new code: busy", new PracticeSignInStep(PracticeSignInOutcome.ResendFailed, hint, LibreViewMessage: "busy").Error);
        Assert.Equal(new PracticeAccountProblem(PracticeAccountProblemKind.LockedOut).Message,
            new PracticeSignInStep(PracticeSignInOutcome.CannotSignIn, hint, new PracticeAccountProblem(PracticeAccountProblemKind.LockedOut)).Error);
    }

    private Task<PracticeResult<CustomPracticeView>> AddAsync(string? practiceId, string region, TeamEnvironment environment = TeamEnvironment.Sandbox) =>
        WithPracticesAsync(p => p.AddAsync(_organizationId, new AddCustomPractice(practiceId, environment, region), Admin));

    private async Task<PracticeResult<PracticeBindingView>> BindAsync(Guid teamId, string practiceId)
    {
        await using var scope = _store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeBindingService>().BindTeamAsync(teamId, practiceId, Admin);
    }

    private async Task<T> WithPracticesAsync<T>(Func<CustomPracticeService, Task<T>> work)
    {
        await using var scope = _store.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CustomPracticeService>());
    }

    private async Task<Guid> AddPracticeAsync(string practiceId, PracticeStatus status, TeamEnvironment environment = TeamEnvironment.Sandbox, string region = "us")
    {
        var practice = new Practice
        {
            OrganizationId = _organizationId, PracticeId = practiceId, PracticeIdKey = Practice.KeyOf(practiceId),
            Region = region, Environment = environment, Status = status, CreatedAt = DateTime.UtcNow,
        };
        await WithDbAsync(db =>
        {
            db.Practices.Add(practice);
            return db.SaveChangesAsync();
        });
        return practice.Id;
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await work(db);
    }
}
