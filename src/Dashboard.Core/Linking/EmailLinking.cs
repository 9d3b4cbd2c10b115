using Dashboard.Core.Connections;
using Dashboard.Core.Practices;
using Dashboard.Core.Storage;
using LibreView.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Linking;

/// <summary>
/// <c>freestyle_libre</c>: the patient shares their LibreView account with a practice; we sign in with our
/// care-team-admin account for the team's environment and look for the patient's email in the bound practice
/// only (when the team has a binding) or in every practice that account administers in the region.
/// Not found yet: the connection waits in <c>error</c>/<c>user_not_found</c> and is re-checked on a schedule.
/// </summary>
public sealed class EmailLinking(
    IDbContextFactory<DashboardDbContext> contexts,
    LinkTokenService tokens,
    PracticeSearch search,
    ConnectionLinker linker)
{
    private const string Provider = Providers.FreeStyleLibre;

    public async Task<LinkResult> LinkAsync(string? tokenSecret, string? email, string? region, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var check = await tokens.CheckAsync(db, tokenSecret, Provider, ct);
        if (!check.IsValid)
        {
            return LinkResult.Failed(Provider, check.ErrorType!);
        }
        var token = check.Token!;
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > 254 || !address.Contains('@'))
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.UserNotFound, LinkErrorTypes.EnterEmail);
        }
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == token.TeamId, ct);
        var code = LibreViewCountries.Resolve(region, team.DeploymentRegion);
        if (code is null)
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.UnsupportedRegion,
                $"'{region}' is not a region this care team serves. Choose one of: {string.Join(", ", LibreViewCountries.CodesFor(team.DeploymentRegion))}.");
        }

        var found = await search.FindAsync(team, code, address, ct);
        if (found.Error is { } errorType)
        {
            return LinkResult.Failed(Provider, errorType, found.Message);
        }
        var credentials = new StoredCredentials(address, "", null);
        if (found.Patient is { } patient)
        {
            return await linker.LinkAsync(db, token, new LinkedAccount(Provider, patient.PatientId, code, patient.PracticeId, credentials,
                SharedPerson: patient.Person), ct);
        }
        var message = $"Not shared yet: in the LibreLink app, add the practice {found.PracticeToShareWith} ({code.ToUpperInvariant()}). " +
                      "The connection completes by itself once the practice can see your data.";
        return await linker.LinkAsync(db, token, new LinkedAccount(Provider, PendingExternalId(address), code, found.PracticeToShareWith,
            credentials, ConnectionStatus.Error, LinkErrorTypes.UserNotFound, message), ct);
    }

    /// <summary>Until LibreView names the patient, the connection is known by a hash of the email (never the email itself).</summary>
    private static string PendingExternalId(string email) => "pending:" + ApiKeys.SecretHash.Of(email.ToLowerInvariant())[..24];
}

/// <param name="Error">A link error type when the search could not run.</param>
/// <param name="Message">Why, in plain words (e.g. our practice account needs an admin to sign it in).</param>
public sealed record PracticeSearchResult(PracticePatient? Patient, string PracticeToShareWith, string? Error, string? Message = null);

/// <summary>
/// Finds a patient who shares with one of our practices, through the practice account's shared session: pages the
/// Pro dashboard by email (reference §4.6), limited to the team's bound Practice ID when it has one.
/// </summary>
public sealed class PracticeSearch(IDbContextFactory<DashboardDbContext> contexts, ILibreViewClient libreView, IOptions<PracticeAccountOptions> accounts, PracticeAccountSessions sessions)
{
    public async Task<PracticeSearchResult> FindAsync(Teams.Team team, string regionCode, string email, CancellationToken ct)
    {
        var apiRegion = LibreViewCountries.ApiRegionFor(regionCode);
        TeamPracticeBinding? binding;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            binding = await db.TeamPracticeBindings.AsNoTracking()
                .FirstOrDefaultAsync(b => b.TeamId == team.Id && b.Provider == Providers.FreeStyleLibre, ct);
        }
        var shareWith = binding?.PracticeId ?? BuiltInPractices.For(team.Environment);

        var account = accounts.Value.For(team.Environment, apiRegion);
        if (account is null)
        {
            return new(null, shareWith, LinkErrorTypes.UnsupportedRegion);
        }
        var (session, problem) = await sessions.SignedInAsync(account, ct);
        if (session is null)
        {
            return new(null, shareWith, LinkErrorTypes.ProviderApiError, PracticeUnavailable(problem?.Message));
        }
        var found = await libreView.FindPatientAsync(session, email, binding?.PracticeId,
            PracticeAccountSessions.CredentialsOf(account, session.TrustedDeviceToken), ct);
        await sessions.KeepAsync(account, found.Session, found.Error, ct);
        if (found.IsSuccess)
        {
            return new(found.Value, shareWith, null);
        }
        return found.Error.Kind == LibreViewErrorKind.PatientNotFound
            ? new(null, shareWith, null)
            : new(null, shareWith, LinkErrorTypes.ProviderApiError, PracticeUnavailable(PracticeAccountSessions.ProblemOf(found.Error)));
    }

    private static string PracticeUnavailable(string? problem) =>
        LinkErrorTypes.PracticeAccountSignedOut + (problem is null ? "" : $" ({problem})");
}
