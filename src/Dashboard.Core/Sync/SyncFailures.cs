using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Leasing;
using LibreView.Client;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// The one place that decides what a failed LibreView call does to a connection (DESIGN §5, reference §6):
/// a broken login (wrong password, or a renewal that meets two-factor or new terms) stops the connection once, with
/// one event; a block (Cloudflare, 430, 911) pauses the whole region, longer each time, and the connection stays
/// connected; a rate-limited account (a 429 not from Cloudflare) waits minutes on its own; a locked account waits at
/// least 5 minutes and is tried once more; anything else is retried with
/// exponential back-off and jitter until the attempts run out.
/// </summary>
internal sealed class SyncFailures(SyncEvents events, Notifications.BrokenConnectionNotices notices)
{
    public async Task ApplyAsync(SyncWork work, LibreViewError error, string apiRegion, CancellationToken ct)
    {
        var now = work.Now;
        var state = work.State;
        state.LastErrorMessage = Truncate(error.Message);
        if (HealthErrorType(work.Connection, error) is { } errorType)
        {
            state.LastErrorType = errorType;
            if (StopConnection(work, errorType, error.Message, now))
            {
                // Support hears of it in the same commit as the status change: once, and never without it.
                await notices.ConnectionBrokeAsync(work.Db, work.Team.OrganizationId, work.Team.Id, work.Connection.UserId,
                    work.ClientUserId, work.Connection.Provider, errorType, ct);
            }
            return;
        }

        var transient = SyncErrorTypes.OfTransient(error);
        var lockedBefore = state.LastErrorType == SyncErrorTypes.AccountLocked;
        state.LastErrorType = transient;
        switch (error.Kind)
        {
            case LibreViewErrorKind.RegionBlocked:
                var until = await BackOffRegionAsync(work.Db, apiRegion, now, ct);
                state.NextDueAt = until;
                work.Pull?.MoveToIfActive(PullStatus.Retrying, now, transient, error.Message);
                return;
            case LibreViewErrorKind.AccountThrottled:
                // This account only (§6): minutes, doubling while it lasts; the region's other connections carry on.
                state.FailedAttempts++;
                state.NextDueAt = now + AccountThrottleWait(state.FailedAttempts);
                work.Pull?.MoveToIfActive(PullStatus.Retrying, now, transient, error.Message);
                return;
            case LibreViewErrorKind.LockedOut when lockedBefore && work.Connection.Provider == Providers.AbbottLibreView:
                // Tried once more after the lock and still locked: retrying would keep the account locked (§2.5).
                StopConnection(work, SyncErrorTypes.AccountLocked, error.Message, now);
                return;
            case LibreViewErrorKind.LockedOut:
                var wait = error.RetryAfter ?? MinimumLockWait;
                state.NextDueAt = now + (wait > MinimumLockWait ? wait : MinimumLockWait);
                work.Pull?.MoveToIfActive(PullStatus.Retrying, now, transient, error.Message);
                return;
        }

        state.FailedAttempts++;
        if (work.Pull is { IsActive: true } pull && state.FailedAttempts >= work.Options.MaxAttempts)
        {
            pull.MoveTo(PullStatus.Failure, now, SyncErrorTypes.RetryQuotaExhausted, $"Gave up after {state.FailedAttempts} attempts; last: {error.Message}");
            state.FailedAttempts = 0;
            state.NextDueAt = now + work.Options.OngoingInterval;
            return;
        }
        work.Pull?.MoveToIfActive(PullStatus.Retrying, now, transient, error.Message);
        state.NextDueAt = now + Backoff(work.Options, state.FailedAttempts);
    }

    private static readonly TimeSpan MinimumLockWait = TimeSpan.FromMinutes(5);

    /// <summary>An account LibreView rate-limits waits 2 minutes, doubling with each 429 in a row, up to an hour.</summary>
    public static TimeSpan AccountThrottleWait(int strikes) =>
        RetryBackoff.Exponential(TimeSpan.FromMinutes(2), TimeSpan.FromHours(1), strikes);

    /// <summary>A region's first block waits this long; each further block in a row doubles it, up to <see cref="RegionBlockMax"/>.</summary>
    public static readonly TimeSpan RegionBlockBase = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RegionBlockMax = TimeSpan.FromHours(2);

    /// <summary>Base × 2^(attempt − 1), capped, times a jitter of ±20 %.</summary>
    public static TimeSpan Backoff(SyncOptions options, int attempt) =>
        RetryBackoff.Jittered(RetryBackoff.Exponential(options.RetryBaseDelay, options.RetryMaxDelay, attempt), 0.8, 1.2);

    /// <summary>
    /// Errors that need the patient, not a retry: a wrong or expired password of their own login, a renewal that
    /// meets two-factor (the trusted device expired) or new terms, or a share that is gone.
    /// </summary>
    private static string? HealthErrorType(Connection connection, LibreViewError error) =>
        (connection.Provider, error.Kind) switch
        {
            (Providers.AbbottLibreView, LibreViewErrorKind.CredentialError) => SyncErrorTypes.CredentialError,
            (Providers.AbbottLibreView, LibreViewErrorKind.PasswordExpired) => SyncErrorTypes.PasswordExpired,
            (Providers.AbbottLibreView, LibreViewErrorKind.ReauthenticationRequired or LibreViewErrorKind.AccountActionRequired) => SyncErrorTypes.TokenRefreshFailed,
            (Providers.FreeStyleLibre, LibreViewErrorKind.PatientNotFound) => SyncErrorTypes.UserNotFound,
            _ => null,
        };

    /// <summary>Stops the connection; true when it was running until now (false when it had stopped before).</summary>
    private bool StopConnection(SyncWork work, string errorType, string message, DateTime now)
    {
        var connection = work.Connection;
        work.Pull?.MoveToIfActive(PullStatus.Failure, now, errorType, message);
        work.State.NextDueAt = now + work.Options.ShareRecheckInterval;
        if (connection.Status == ConnectionStatus.Error) return false;
        connection.Status = ConnectionStatus.Error;
        connection.ErrorType = errorType;
        connection.ErrorMessage = Truncate(message);
        connection.ErroredAt = now;
        events.ConnectionError(work, errorType, message);
        return true;
    }

    /// <summary>
    /// Pauses every connection of the region, in the store so every instance sees it. A block that comes while the
    /// last pause is recent (within twice its length) is a strike more: the wait doubles. Returns the pause's end.
    /// </summary>
    private static async Task<DateTime> BackOffRegionAsync(DashboardDbContext db, string region, DateTime now, CancellationToken ct)
    {
        var backoff = await db.RegionBackoffs.AsNoTracking().FirstOrDefaultAsync(b => b.Region == region, ct);
        if (backoff is not null && backoff.Until > now) return backoff.Until; // already paused: another connection saw the same block
        var recent = backoff is { Strikes: > 0 } && now - backoff.Until < Wait(backoff.Strikes) * 2;
        var strikes = recent ? backoff!.Strikes + 1 : 1;
        var until = now + Wait(strikes);
        // Connections of the region fail at once and compute the same pause; the upsert keeps the longest.
        // Quoted identifiers and portable SQL: the same statement runs on SQLite and PostgreSQL.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "RegionBackoffs" ("Region", "Until", "Strikes") VALUES ({region}, {until}, {strikes})
            ON CONFLICT ("Region") DO UPDATE SET
                "Strikes" = CASE WHEN excluded."Until" > "RegionBackoffs"."Until" THEN excluded."Strikes" ELSE "RegionBackoffs"."Strikes" END,
                "Until" = CASE WHEN excluded."Until" > "RegionBackoffs"."Until" THEN excluded."Until" ELSE "RegionBackoffs"."Until" END
            """, ct);
        return until;
    }

    private static TimeSpan Wait(int strikes) => RetryBackoff.Exponential(RegionBlockBase, RegionBlockMax, strikes);

    private static string Truncate(string message) => message.Length <= 1000 ? message : message[..1000];
}
