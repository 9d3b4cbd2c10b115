using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using LibreView.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Practices;

/// <summary>A practice account as the admin page shows it.</summary>
/// <param name="SignedIn">A session is stored and no problem is known.</param>
/// <param name="TrustedDeviceWarning">The trusted device runs out within two days: sign in with a code before then.</param>
public sealed record PracticeAccountStatus(
    PracticeAccount Account,
    bool SignedIn,
    DateTime? SignedInAt,
    DateTime? TrustedDeviceExpiresAt,
    bool TrustedDeviceWarning,
    bool AwaitingCode,
    PracticeCodeHint? Code,
    string? Problem)
{
    /// <summary>Where LibreView sent the code, in invariant English ("email to p***@example.org").</summary>
    public string? CodeHint => Code?.Text;
}

/// <summary>Where LibreView sent a sign-in code: its method (<c>email</c> or <c>sms</c>) and the redacted destination.</summary>
public sealed record PracticeCodeHint(string Method, string Destination)
{
    public string Text => $"{Method} to {Destination}";

    public static PracticeCodeHint Of(MfaChallenge challenge) => new(challenge.Method, challenge.Hint);
}

/// <summary>Why a practice account cannot sign in to LibreView. The console says each in its own language from the code.</summary>
public enum PracticeAccountProblemKind
{
    /// <summary>LibreView asks for a code e-mailed to the practice mailbox: an admin must sign the account in.</summary>
    CodeRequired,
    /// <summary>LibreView did not accept the configured email and password.</summary>
    CredentialsRejected,
    /// <summary>LibreView locked the account after failed logins.</summary>
    LockedOut,
    /// <summary>LibreView is refusing requests from this server for a while.</summary>
    RegionBlocked,
    /// <summary>Anything else; <see cref="PracticeAccountProblem.LibreViewMessage"/> is what LibreView said.</summary>
    Other,
}

/// <summary>
/// Why a practice account cannot sign in: a <see cref="Kind"/> (with LibreView's own words for <see cref="PracticeAccountProblemKind.Other"/>)
/// and <see cref="Message"/>, the same in invariant English (kept with the account, logged, and given to link errors).
/// </summary>
public sealed record PracticeAccountProblem(PracticeAccountProblemKind Kind, string? LibreViewMessage = null)
{
    public static PracticeAccountProblem Of(LibreViewError error) => error.Kind switch
    {
        LibreViewErrorKind.ReauthenticationRequired or LibreViewErrorKind.MfaRequired => new(PracticeAccountProblemKind.CodeRequired),
        LibreViewErrorKind.CredentialError => new(PracticeAccountProblemKind.CredentialsRejected),
        LibreViewErrorKind.LockedOut => new(PracticeAccountProblemKind.LockedOut),
        LibreViewErrorKind.RegionBlocked => new(PracticeAccountProblemKind.RegionBlocked),
        _ => new(PracticeAccountProblemKind.Other, error.Message),
    };

    public string Message => Kind switch
    {
        PracticeAccountProblemKind.CodeRequired =>
            "LibreView asks for a code e-mailed to the practice mailbox. An admin must sign this practice account in on the Practice accounts page.",
        PracticeAccountProblemKind.CredentialsRejected => "LibreView did not accept this practice account's email and password. Update LibreView:PracticeAccounts.",
        PracticeAccountProblemKind.LockedOut => "LibreView locked this practice account after failed logins. Wait at least 5 minutes, then sign it in again.",
        PracticeAccountProblemKind.RegionBlocked => "LibreView is refusing requests from this server for a while. It is tried again automatically.",
        _ => "LibreView could not sign this practice account in: " + LibreViewMessage,
    };
}

/// <summary>What a step of an admin's sign-in came to. The console says each in its own language from the code.</summary>
public enum PracticeSignInOutcome
{
    /// <summary>Done: the account is signed in.</summary>
    SignedIn,
    /// <summary>LibreView sent a code (<see cref="PracticeSignInStep.Code"/>); the admin types it next.</summary>
    AwaitingCode,
    /// <summary>Refused: no such practice account is configured.</summary>
    NoSuchAccount,
    /// <summary>Refused: no sign-in is waiting for a code.</summary>
    NothingWaiting,
    /// <summary>Refused: the code is not 6 digits; still waiting for one.</summary>
    CodeMalformed,
    /// <summary>LibreView did not accept the code; still waiting for one.</summary>
    CodeRejected,
    /// <summary>LibreView did not send a new code (<see cref="PracticeSignInStep.LibreViewMessage"/>); still waiting for one.</summary>
    ResendFailed,
    /// <summary>The account cannot sign in: <see cref="PracticeSignInStep.Problem"/> says why.</summary>
    CannotSignIn,
}

/// <summary>
/// Where an admin's sign-in of a practice account stands: an <see cref="Outcome"/> code with where the code went and
/// what went wrong, for the console to say in the person's language; <see cref="Error"/> is the same in invariant English.
/// </summary>
public sealed record PracticeSignInStep(
    PracticeSignInOutcome Outcome, PracticeCodeHint? Code = null, PracticeAccountProblem? Problem = null, string? LibreViewMessage = null)
{
    public bool SignedIn => Outcome == PracticeSignInOutcome.SignedIn;

    public bool AwaitingCode => Outcome is PracticeSignInOutcome.AwaitingCode or PracticeSignInOutcome.CodeMalformed
        or PracticeSignInOutcome.CodeRejected or PracticeSignInOutcome.ResendFailed;

    public string? CodeHint => Code?.Text;

    public string? Error => Outcome switch
    {
        PracticeSignInOutcome.SignedIn or PracticeSignInOutcome.AwaitingCode => null,
        PracticeSignInOutcome.NoSuchAccount => "No such practice account is configured.",
        PracticeSignInOutcome.NothingWaiting => "No sign-in is waiting for a code. Start the sign-in again.",
        PracticeSignInOutcome.CodeMalformed => "Enter the 6-digit code from LibreView's e-mail.",
        PracticeSignInOutcome.CodeRejected => "LibreView did not accept that code. Check the newest e-mail, or send the code again.",
        PracticeSignInOutcome.ResendFailed => "LibreView did not send a new code: " + LibreViewMessage,
        PracticeSignInOutcome.CannotSignIn => Problem?.Message,
        _ => Outcome.ToString(),
    };
}

/// <summary>
/// One signed-in LibreView session per practice account (reference §4.1, §8), kept encrypted in the store so every
/// app instance, every search, re-check and sync share it. Unattended use never answers two-factor: when LibreView asks
/// for a code (no or an expired trusted device), the account waits for an admin to sign it in with the code LibreView
/// e-mailed to the practice mailbox, and the reason is kept for the console and for link errors.
/// <para>
/// Every sign-in that LibreView accepts is audited (<see cref="AuditActions.SignInPracticeAccount"/>), in the same
/// transaction as the stored session. A practice account belongs to the installation, not to one organisation, so the
/// entry goes where the person behind it answers: an admin's sign-in with a code goes to the log of the organisation that
/// admin is working in (the one their console is scoped to); an unattended sign-in (trusted device, no person) and the
/// demo's and tests' sign-in are installation-level entries, with no organisation and no team, kept in the store for
/// the operator and shown on no organisation's audit page, since no organisation's person did them.
/// </para>
/// </summary>
public sealed class PracticeAccountSessions(
    IDbContextFactory<DashboardDbContext> contexts,
    ILibreViewClient libreView,
    CredentialVault vault,
    IOptions<PracticeAccountOptions> options,
    TimeProvider time,
    AuditLog audit,
    ILogger<PracticeAccountSessions> log)
{
    /// <summary>How long a trusted device holds after LibreView issues it ("viable for 14 days", §2.4).</summary>
    public static readonly TimeSpan TrustedDeviceLifetime = TimeSpan.FromDays(14);

    /// <summary>The console warns this long before the trusted device runs out.</summary>
    public static readonly TimeSpan WarningBefore = TimeSpan.FromDays(2);

    public IReadOnlyList<PracticeAccount> Accounts => options.Value.PracticeAccounts;

    public PracticeAccount? Find(string accountKey) => Accounts.FirstOrDefault(a => a.Key == accountKey);

    public static LibreViewCredentials CredentialsOf(PracticeAccount account, string? trustedDevice) =>
        new(account.Email, account.Password, string.IsNullOrEmpty(account.Region) ? null : account.Region, trustedDevice ?? account.TrustedDeviceToken);

    /// <summary>The shared session, signing in unattended (with the trusted device) only when none is stored.</summary>
    public async Task<(LibreViewSession? Session, PracticeAccountProblem? Problem)> SignedInAsync(PracticeAccount account, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await RowAsync(db, account, ct);
        if (vault.UnprotectPracticeSecret<LibreViewSession>(row.ProtectedSession) is { } stored) return (stored, null);

        var trusted = vault.UnprotectPracticeSecret<string>(row.ProtectedTrustedDevice);
        var login = await libreView.LoginAsync(CredentialsOf(account, trusted), LoginPurpose.Unattended, ct);
        if (!login.IsSuccess)
        {
            var problem = PracticeAccountProblem.Of(login.Error);
            await SetProblemAsync(db, row, problem.Message, ct);
            return (null, problem);
        }
        Store(row, login.Value);
        audit.Append(db, AuditActor.Installation("unattended sign-in"), AuditActions.SignInPracticeAccount, details: $"{account.Email}: unattended, trusted device");
        await db.SaveChangesAsync(ct);
        return (login.Value, null);
    }

    /// <summary>Keeps the newest ticket after a call; a renewal that failed marks the account as needing a sign-in.</summary>
    public async Task KeepAsync(PracticeAccount account, LibreViewSession? session, LibreViewError? error, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await RowAsync(db, account, ct);
        if (error is { Kind: LibreViewErrorKind.ReauthenticationRequired or LibreViewErrorKind.CredentialError or LibreViewErrorKind.SessionExpired })
        {
            row.ProtectedSession = null;
            await SetProblemAsync(db, row, ProblemOf(error), ct);
            return;
        }
        if (session is not null) Store(row, session);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<PracticeAccountStatus>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PracticeAccountSessions.AsNoTracking().ToDictionaryAsync(r => r.AccountKey, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return Accounts.Select(a =>
        {
            var row = rows.GetValueOrDefault(a.Key);
            var pending = vault.UnprotectPracticeSecret<MfaChallenge>(row?.ProtectedPendingMfa);
            var expires = row?.TrustedDeviceExpiresAt;
            return new PracticeAccountStatus(a,
                row?.ProtectedSession is not null && row.Problem is null,
                row?.SignedInAt,
                expires,
                expires is { } e && e - now <= WarningBefore,
                pending is not null,
                pending is null ? null : PracticeCodeHint.Of(pending),
                row?.Problem);
        }).ToList();
    }

    /// <summary>
    /// An admin starts a sign-in. No trusted device is sent, so LibreView e-mails a code and the sign-in ends with a
    /// new trusted device: 14 fresh days, whenever the admin does it.
    /// </summary>
    public Task<PracticeSignInStep> BeginSignInAsync(string accountKey, AuditActor actor, Guid organizationId, CancellationToken ct)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        return BeginSignInAsync(accountKey, new SignInBy(actor, organizationId), ct);
    }

    /// <summary>Who a sign-in with a code is audited as, and in which organisation's log (null: installation-level).</summary>
    private sealed record SignInBy(AuditActor Actor, Guid? OrganizationId);

    private static readonly SignInBy ByInstallation = new(AuditActor.Installation("sign-in with a code read by the installation"), null);

    private async Task<PracticeSignInStep> BeginSignInAsync(string accountKey, SignInBy by, CancellationToken ct)
    {
        if (Find(accountKey) is not { } account) return new(PracticeSignInOutcome.NoSuchAccount);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await RowAsync(db, account, ct);
        var login = await libreView.LoginAsync(CredentialsOf(account, null) with { TrustedDeviceToken = null }, LoginPurpose.Interactive, ct);
        return await AfterLoginAsync(db, account, row, login, by, ct);
    }

    /// <summary>
    /// Signs every account that is not signed in yet in with a code, reading each code with <paramref name="readCode"/>
    /// (the demo and tests read it from the simulator, as an admin reads the practice mailbox). Returns the accounts
    /// that did not sign in, with why. Audited as the installation: no person typed the codes.
    /// </summary>
    public async Task<IReadOnlyList<(PracticeAccount Account, string? Error)>> SignInAllAsync(Func<PracticeAccount, string?> readCode, CancellationToken ct)
    {
        var failed = new List<(PracticeAccount, string?)>();
        foreach (var status in await ListAsync(ct))
        {
            if (status.SignedIn) continue;
            var step = await BeginSignInAsync(status.Account.Key, ByInstallation, ct);
            if (step.AwaitingCode) step = await CompleteSignInAsync(status.Account.Key, readCode(status.Account), ByInstallation, ct);
            if (!step.SignedIn) failed.Add((status.Account, step.Error));
        }
        return failed;
    }

    /// <summary>Sends the code again, by the same method.</summary>
    public async Task<PracticeSignInStep> ResendCodeAsync(string accountKey, CancellationToken ct)
    {
        if (Find(accountKey) is not { } account) return new(PracticeSignInOutcome.NoSuchAccount);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await RowAsync(db, account, ct);
        if (vault.UnprotectPracticeSecret<MfaChallenge>(row.ProtectedPendingMfa) is not { } pending)
            return new(PracticeSignInOutcome.NothingWaiting);
        var sent = await libreView.SendCodeAsync(pending, pending.UsesPrimaryMethod, ct);
        if (!sent.IsSuccess) return new(PracticeSignInOutcome.ResendFailed, Hint(pending), LibreViewMessage: sent.Error.Message);
        row.ProtectedPendingMfa = vault.ProtectPracticeSecret(sent.Value);
        await db.SaveChangesAsync(ct);
        return new(PracticeSignInOutcome.AwaitingCode, Hint(sent.Value));
    }

    /// <summary>The admin types the code; the new session and trusted device are kept.</summary>
    public Task<PracticeSignInStep> CompleteSignInAsync(string accountKey, string? code, AuditActor actor, Guid organizationId, CancellationToken ct)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.ManageOrganization, actor);
        return CompleteSignInAsync(accountKey, code, new SignInBy(actor, organizationId), ct);
    }

    private async Task<PracticeSignInStep> CompleteSignInAsync(string accountKey, string? code, SignInBy by, CancellationToken ct)
    {
        if (Find(accountKey) is not { } account) return new(PracticeSignInOutcome.NoSuchAccount);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await RowAsync(db, account, ct);
        if (vault.UnprotectPracticeSecret<MfaChallenge>(row.ProtectedPendingMfa) is not { } pending)
            return new(PracticeSignInOutcome.NothingWaiting);
        var trimmed = code?.Trim() ?? "";
        if (trimmed.Length != 6 || !trimmed.All(char.IsAsciiDigit))
            return new(PracticeSignInOutcome.CodeMalformed, Hint(pending));
        var result = await libreView.CompleteMfaAsync(pending, trimmed, ct);
        return await AfterLoginAsync(db, account, row, result, by, ct);
    }

    private async Task<PracticeSignInStep> AfterLoginAsync(
        DashboardDbContext db, PracticeAccount account, PracticeAccountSession row, LibreViewResult<LibreViewSession> login, SignInBy by, CancellationToken ct)
    {
        if (login.Error is { Kind: LibreViewErrorKind.MfaRequired, Mfa: { } challenge })
        {
            row.ProtectedPendingMfa = vault.ProtectPracticeSecret(challenge);
            row.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return new(PracticeSignInOutcome.AwaitingCode, Hint(challenge));
        }
        if (!login.IsSuccess)
        {
            var pending = vault.UnprotectPracticeSecret<MfaChallenge>(row.ProtectedPendingMfa);
            if (login.Error.Kind != LibreViewErrorKind.IncorrectMfaCode) row.ProtectedPendingMfa = null;
            await db.SaveChangesAsync(ct);
            return login.Error.Kind == LibreViewErrorKind.IncorrectMfaCode
                ? new(PracticeSignInOutcome.CodeRejected, pending is null ? null : Hint(pending))
                : new(PracticeSignInOutcome.CannotSignIn, pending is null ? null : Hint(pending), PracticeAccountProblem.Of(login.Error));
        }
        row.ProtectedPendingMfa = null;
        Store(row, login.Value);
        row.Problem = null;
        row.ProblemSince = null;
        audit.Append(db, by.Actor, AuditActions.SignInPracticeAccount, details: $"{account.Email}: with a code", organizationId: by.OrganizationId);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Practice account {Email} signed in", login.Value.UserId);
        return new(PracticeSignInOutcome.SignedIn);
    }

    private void Store(PracticeAccountSession row, LibreViewSession session)
    {
        var now = time.GetUtcNow().UtcDateTime;
        row.ProtectedSession = vault.ProtectPracticeSecret(session with { AcceptedDocuments = null });
        if (session.TrustedDeviceIssuedAt is { } issued && session.TrustedDeviceToken is { } token)
        {
            row.ProtectedTrustedDevice = vault.ProtectPracticeSecret(token);
            row.TrustedDeviceExpiresAt = (issued + TrustedDeviceLifetime).UtcDateTime;
            row.SignedInAt = now;
        }
        row.SignedInAt ??= now;
        row.Problem = null;
        row.ProblemSince = null;
        row.UpdatedAt = now;
    }

    private async Task SetProblemAsync(DashboardDbContext db, PracticeAccountSession row, string problem, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (row.Problem != problem) row.ProblemSince = now;
        row.Problem = problem;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        log.LogWarning("A practice account cannot sign in to LibreView: {Problem}", problem);
    }

    /// <summary>What the console and link errors say when the account cannot sign in, in plain words.</summary>
    public static string ProblemOf(LibreViewError error) => PracticeAccountProblem.Of(error).Message;

    private static PracticeCodeHint Hint(MfaChallenge challenge) => PracticeCodeHint.Of(challenge);

    private async Task<PracticeAccountSession> RowAsync(DashboardDbContext db, PracticeAccount account, CancellationToken ct)
    {
        var row = await db.PracticeAccountSessions.FirstOrDefaultAsync(r => r.AccountKey == account.Key, ct);
        if (row is not null) return row;
        row = new PracticeAccountSession { AccountKey = account.Key, UpdatedAt = time.GetUtcNow().UtcDateTime };
        db.PracticeAccountSessions.Add(row);
        return row;
    }
}
