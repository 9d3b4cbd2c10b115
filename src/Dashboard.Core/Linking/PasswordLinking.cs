using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using LibreView.Client;
using LibreView.Regions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Linking;

/// <summary>
/// <c>abbott_libreview</c>: the patient signs in with their own LibreView login. The region is found by
/// following LibreView's redirect; terms of use and privacy policy are accepted for the patient, who is here; a
/// two-factor step (code sent by the primary method) parks on the link token until <see cref="CompleteMfaAsync"/>,
/// and <see cref="ResendCodeAsync"/> sends the code again, by the same or the other method.
/// </summary>
public sealed class PasswordLinking(
    IDbContextFactory<DashboardDbContext> contexts,
    LinkTokenService tokens,
    ILibreViewClient libreView,
    CredentialVault vault,
    ConnectionLinker linker)
{
    private const string Provider = Providers.AbbottLibreView;

    public async Task<LinkResult> LinkAsync(string? tokenSecret, string? username, string? password, string? region, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var check = await tokens.CheckAsync(db, tokenSecret, Provider, ct);
        if (!check.IsValid)
        {
            return LinkResult.Failed(Provider, check.ErrorType!);
        }
        var token = check.Token!;
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.ProviderCredentialError, LinkErrorTypes.EnterEmailAndPassword);
        }
        string? startRegion = null;
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (!LibreViewApiRegions.IsKnown(region))
            {
                return LinkResult.Failed(Provider, LinkErrorTypes.UnsupportedRegion);
            }
            startRegion = LibreViewApiRegions.Normalize(region);
        }
        if (!await IsOpenForAsync(db, token, ct))
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.ProviderNotAvailable);
        }

        var email = username.Trim();
        var login = await libreView.LoginAsync(new LibreViewCredentials(email, password, startRegion), LoginPurpose.Interactive, ct);
        if (login.Error is { Kind: LibreViewErrorKind.MfaRequired, Mfa: { } challenge })
        {
            return await ParkAsync(db, token, new PendingMfa(challenge, email, password), ct);
        }
        return await FinishAsync(db, token, login, email, password, ct);
    }

    /// <summary>Sends the two-factor code again: by the same method, or by the account's other one.</summary>
    public async Task<LinkResult> ResendCodeAsync(string? tokenSecret, bool useOtherMethod, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var check = await tokens.CheckAsync(db, tokenSecret, Provider, ct);
        if (!check.IsValid)
        {
            return LinkResult.Failed(Provider, check.ErrorType!);
        }
        var token = check.Token!;
        if (vault.UnprotectPendingMfa(token.PendingMfa) is not { } pending)
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.TokenNotValidated, LinkErrorTypes.NoMfaStepWaiting);
        }
        var challenge = pending.Challenge;
        var primary = useOtherMethod ? !challenge.UsesPrimaryMethod : challenge.UsesPrimaryMethod;
        var sent = await libreView.SendCodeAsync(challenge, primary, ct);
        if (!sent.IsSuccess)
        {
            return LinkResult.Failed(Provider, ErrorTypeOf(sent.Error.Kind), LinkErrorTypes.CodeNotResent);
        }
        return await ParkAsync(db, token, pending with { Challenge = sent.Value }, ct);
    }

    private async Task<LinkResult> ParkAsync(DashboardDbContext db, LinkToken token, PendingMfa pending, CancellationToken ct)
    {
        token.PendingMfa = vault.Protect(pending);
        await db.SaveChangesAsync(ct);
        var challenge = pending.Challenge;
        return new LinkResult(LinkState.PendingProviderMfa, Provider, false,
            ProviderMfa: new ProviderMfa(challenge.Method, challenge.Hint) { OtherMethod = challenge.OtherMethod?.Method });
    }

    public async Task<LinkResult> CompleteMfaAsync(string? tokenSecret, string? code, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var check = await tokens.CheckAsync(db, tokenSecret, Provider, ct);
        if (!check.IsValid)
        {
            return check is { ErrorType: LinkErrorTypes.TokenConsumed, Token.MfaCodeAttempts: >= LinkTokenService.MaxMfaCodeAttempts }
                ? LinkResult.Failed(Provider, LinkErrorTypes.TokenConsumed, LinkErrorTypes.TooManyMfaCodes)
                : LinkResult.Failed(Provider, check.ErrorType!);
        }
        var token = check.Token!;
        var pending = vault.UnprotectPendingMfa(token.PendingMfa);
        if (pending is null)
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.TokenNotValidated, LinkErrorTypes.NoMfaStepWaiting);
        }
        var trimmed = code?.Trim() ?? "";
        if (trimmed.Length is < 4 or > 10 || !trimmed.All(char.IsDigit))
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.IncorrectMfaCode, LinkErrorTypes.CodeNotNumeric);
        }

        if (!await LinkTokenService.TryReserveMfaAttemptAsync(db, token, ct))
        {
            return LinkResult.Failed(Provider, LinkErrorTypes.TokenConsumed, LinkErrorTypes.TooManyMfaCodes);
        }
        var result = await libreView.CompleteMfaAsync(pending.Challenge, trimmed, ct);
        if (result.Error is { Kind: LibreViewErrorKind.IncorrectMfaCode })
        {
            // The same challenge stays parked: the patient may try again or ask for a new code, until the attempts are spent.
            await tokens.ConsumeIfAttemptsSpentAsync(db, token, ct);
            return LinkResult.Failed(Provider, LinkErrorTypes.IncorrectMfaCode);
        }
        return await FinishAsync(db, token, result, pending.Email, pending.Password, ct);
    }

    private async Task<LinkResult> FinishAsync(DashboardDbContext db, LinkToken token, LibreViewResult<LibreViewSession> login, string email, string password, CancellationToken ct)
    {
        if (!login.IsSuccess)
        {
            return LinkResult.Failed(Provider, ErrorTypeOf(login.Error.Kind), MessageOf(login.Error));
        }
        var session = login.Value;
        // The accepted documents are recorded as an event of the connection, not kept with its session.
        return await linker.LinkAsync(db, token,
            new LinkedAccount(Provider, session.UserId, session.Region, null,
                new StoredCredentials(email, password, session with { AcceptedDocuments = null }),
                AcceptedDocuments: session.AcceptedDocuments, SharedPerson: session.Person), ct);
    }

    /// <summary>
    /// Closed to new connections for an organisation with no connected <c>abbott_libreview</c> connection;
    /// re-linking the user's existing connection is always allowed.
    /// </summary>
    private static async Task<bool> IsOpenForAsync(DashboardDbContext db, LinkToken token, CancellationToken ct)
    {
        if (await db.Connections.AnyAsync(c => c.UserId == token.UserId && c.Provider == Provider, ct))
        {
            return true;
        }
        var organizationId = await db.Teams.Where(t => t.Id == token.TeamId).Select(t => t.OrganizationId).FirstAsync(ct);
        return await db.Connections.AnyAsync(c =>
            c.Provider == Provider && c.Status == ConnectionStatus.Connected && c.User!.Team!.OrganizationId == organizationId, ct);
    }

    /// <summary>The plain words for a failed sign-in; null keeps the error type's own message.</summary>
    private static string? MessageOf(LibreViewError error) => error.Kind switch
    {
        LibreViewErrorKind.AccountActionRequired => error.Message + ".",
        LibreViewErrorKind.LockedOut => LinkErrorTypes.LockedOut,
        LibreViewErrorKind.RegionBlocked => LinkErrorTypes.RegionBlocked,
        LibreViewErrorKind.AccountThrottled => LinkErrorTypes.AccountThrottled,
        _ => null,
    };

    public static string ErrorTypeOf(LibreViewErrorKind kind) => kind switch
    {
        LibreViewErrorKind.CredentialError => LinkErrorTypes.ProviderCredentialError,
        LibreViewErrorKind.PasswordExpired => LinkErrorTypes.ProviderPasswordExpired,
        LibreViewErrorKind.UnsupportedRegion => LinkErrorTypes.UnsupportedRegion,
        LibreViewErrorKind.IncorrectMfaCode => LinkErrorTypes.IncorrectMfaCode,
        _ => LinkErrorTypes.ProviderApiError,
    };
}
