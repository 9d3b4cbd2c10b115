using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using LibreView.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Practices;

public sealed record CustomPracticeView(
    Guid Id, string PracticeId, string? Name, string Region, TeamEnvironment Environment,
    PracticeStatus Status, DateTime CreatedAt, DateTime? VerifiedAt)
{
    public bool IsActive => Status == PracticeStatus.Active;

    public static CustomPracticeView From(Practice p) =>
        new(p.Id, p.PracticeId, p.Name, p.Region, p.Environment, p.Status, p.CreatedAt, p.VerifiedAt);
}

/// <summary>
/// What the customer does in LibreView so our account can see their practice: invite <see cref="PracticeEmail"/>
/// (our practice account for the practice's environment and region) as Care Team Admin, then verify.
/// </summary>
public sealed record PracticeSetupSteps(string PracticeId, string Region, TeamEnvironment Environment, string? PracticeEmail)
{
    public const string Role = "Care Team Admin";
}

public sealed record AddCustomPractice(string? PracticeId, TeamEnvironment Environment, string? Region);

/// <summary>
/// Custom practices (Scale plan): added as <c>invited</c>; <see cref="VerifyAsync"/> asks LibreView, with our practice
/// account for the practice's environment and region, whether that account now sees the practice, and if so
/// turns it <c>active</c>.
/// </summary>
public sealed class CustomPracticeService(
    IDbContextFactory<DashboardDbContext> contexts, ILibreViewClient libreView, IOptions<PracticeAccountOptions> accounts, PracticeAccountSessions sessions, TimeProvider time, AuditLog audit)
{
    public const int MaxPracticeIdLength = 100;

    public async Task<IReadOnlyList<CustomPracticeView>> ListAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var practices = await db.Practices.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId)
            .ToListAsync(ct);
        return practices.OrderBy(p => p.PracticeIdKey, StringComparer.Ordinal).Select(CustomPracticeView.From).ToList();
    }

    /// <summary>The region codes a custom practice may use in <paramref name="environment"/>: those of the organisation's teams there.</summary>
    public static IReadOnlyList<string> RegionChoices(IEnumerable<(TeamEnvironment Environment, DeploymentRegion Deployment)> teams, TeamEnvironment environment) =>
        teams.Where(t => t.Environment == environment)
            .SelectMany(t => LibreViewCountries.CodesFor(t.Deployment))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public PracticeSetupSteps SetupFor(CustomPracticeView practice) =>
        new(practice.PracticeId, practice.Region, practice.Environment, AccountFor(practice.Environment, practice.Region)?.InviteEmail);

    public async Task<PracticeResult<CustomPracticeView>> AddAsync(Guid organizationId, AddCustomPractice request, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Teams)
            .FirstOrDefaultAsync(o => o.Id == organizationId, ct);
        if (organization is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.NotFound, new(PracticeProblem.OrganizationNotFound));
        }
        if (!PracticePlan.Allows(organization.Plan))
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.PlanRequired, new(PracticeProblem.PlanRequired, Plan: organization.Plan));
        }
        var practiceId = request.PracticeId?.Trim();
        if (string.IsNullOrEmpty(practiceId) || practiceId.Length > MaxPracticeIdLength || practiceId.Any(char.IsWhiteSpace))
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.Invalid, new(PracticeProblem.PracticeIdInvalid));
        }
        var region = request.Region?.Trim().ToLowerInvariant() ?? "";
        var choices = RegionChoices(organization.Teams.Select(t => (t.Environment, t.DeploymentRegion)), request.Environment);
        if (!choices.Contains(region))
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.Invalid, choices.Count == 0
                ? new(PracticeProblem.NoTeamInEnvironment, Environment: request.Environment)
                : new(PracticeProblem.RegionNotServed, Region: request.Region, Environment: request.Environment, Regions: choices));
        }
        if (AccountFor(request.Environment, region) is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.LibreViewUnavailable,
                new(PracticeProblem.NoPracticeAccountYet, Environment: request.Environment, ApiRegion: LibreViewCountries.ApiRegionFor(region)));
        }
        var key = Practice.KeyOf(practiceId);
        if (await db.Practices.AnyAsync(p => p.OrganizationId == organizationId && p.PracticeIdKey == key, ct))
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.Duplicate, new(PracticeProblem.DuplicatePractice, PracticeId: practiceId));
        }

        var practice = new Practice
        {
            OrganizationId = organizationId,
            PracticeId = practiceId,
            PracticeIdKey = key,
            Region = region,
            Environment = request.Environment,
            Status = PracticeStatus.Invited,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Practices.Add(practice);
        audit.Append(db, actor, AuditActions.ChangePractice, details: $"added {practice.PracticeId} ({Lower(practice.Environment)}, {practice.Region})", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return PracticeResult<CustomPracticeView>.Ok(CustomPracticeView.From(practice));
    }

    /// <summary>Signs in with our practice account and turns the practice active when that account sees it (id compared case-insensitively).</summary>
    public async Task<PracticeResult<CustomPracticeView>> VerifyAsync(Guid organizationId, Guid practiceId, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        var practice = await db.Practices.FirstOrDefaultAsync(p => p.Id == practiceId && p.OrganizationId == organizationId, ct);
        if (practice is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.NotFound, new(PracticeProblem.PracticeNotFound));
        }
        var apiRegion = LibreViewCountries.ApiRegionFor(practice.Region);
        var account = AccountFor(practice.Environment, practice.Region);
        if (account is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.LibreViewUnavailable,
                new(PracticeProblem.NoPracticeAccount, Environment: practice.Environment, ApiRegion: apiRegion));
        }
        var (session, problem) = await sessions.SignedInAsync(account, ct);
        if (session is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.LibreViewUnavailable, new(PracticeProblem.PracticeAccountCannotSignIn, AccountProblem: problem));
        }
        var seen = await libreView.GetAccountAsync(session, PracticeAccountSessions.CredentialsOf(account, session.TrustedDeviceToken), ct);
        await sessions.KeepAsync(account, seen.Session, seen.Error, ct);
        if (!seen.IsSuccess)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.LibreViewUnavailable, new(PracticeProblem.LibreViewNotAnswering));
        }
        var match = seen.Value.Practices.FirstOrDefault(p => Practice.KeyOf(p.PracticeId) == practice.PracticeIdKey);
        if (match is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.NotVisibleYet,
                new(PracticeProblem.NotVisibleYet, PracticeId: practice.PracticeId, Email: account.InviteEmail));
        }

        practice.Status = PracticeStatus.Active;
        practice.VerifiedAt ??= time.GetUtcNow().UtcDateTime;
        practice.Name = string.IsNullOrWhiteSpace(match.Name) ? practice.Name : match.Name;
        audit.Append(db, actor, AuditActions.ChangePractice, details: $"verified {practice.PracticeId}: active", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return PracticeResult<CustomPracticeView>.Ok(CustomPracticeView.From(practice));
    }

    /// <summary>Removes a custom practice; refused, with the teams named, while a team binding uses it.</summary>
    public async Task<PracticeResult<CustomPracticeView>> RemoveAsync(Guid organizationId, Guid practiceId, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        var practice = await db.Practices.FirstOrDefaultAsync(p => p.Id == practiceId && p.OrganizationId == organizationId, ct);
        if (practice is null)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.NotFound, new(PracticeProblem.PracticeNotFound));
        }
        var boundTeams = await db.TeamPracticeBindings
            .Where(b => b.PracticeIdKey == practice.PracticeIdKey && b.Team!.OrganizationId == organizationId)
            .Select(b => b.Team!.Name)
            .ToListAsync(ct);
        if (boundTeams.Count > 0)
        {
            return PracticeResult<CustomPracticeView>.Refused(PracticeRefusal.InUse,
                new(PracticeProblem.InUse, PracticeId: practice.PracticeId, Teams: boundTeams.Order(StringComparer.Ordinal).ToList()));
        }
        db.Practices.Remove(practice);
        audit.Append(db, actor, AuditActions.RemovePractice, details: $"removed {practice.PracticeId} ({Lower(practice.Environment)}, {practice.Region})", organizationId: organizationId);
        await db.SaveChangesAsync(ct);
        return PracticeResult<CustomPracticeView>.Ok(CustomPracticeView.From(practice));
    }

    private PracticeAccount? AccountFor(TeamEnvironment environment, string regionCode) =>
        accounts.Value.For(environment, LibreViewCountries.ApiRegionFor(regionCode));

    private static string Lower(TeamEnvironment environment) => environment.ToString().ToLowerInvariant();
}
