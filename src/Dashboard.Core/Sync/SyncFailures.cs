using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using LibreView.Client;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sync;

/// <summary>
/// The one place that decides what a failed LibreView call does to a connection (DESIGN §5):
/// a broken login stops the connection once, with one event; a rate limit pauses the whole region;
/// anything else is retried with exponential back-off and jitter until the attempts run out.
/// </summary>
internal sealed class SyncFailures(SyncEvents events)
{
    public async Task ApplyAsync(SyncWork work, LibreViewError error, string apiRegion, CancellationToken ct)
    {
        var now = work.Now;
        var state = work.State;
        state.LastErrorMessage = Truncate(error.Message);
        if (HealthErrorType(work.Connection, error) is { } errorType)
        {
            state.LastErrorType = errorType;
            StopConnection(work, errorType, error.Message, now);
            return;
        }

        var transient = SyncErrorTypes.OfTransient(error);
        state.LastErrorType = transient;
        switch (error.Kind)
        {
            case LibreViewErrorKind.RateLimited:
                var until = now + (error.RetryAfter ?? TimeSpan.FromMinutes(1));
                await BackOffRegionAsync(work.Db, apiRegion, until, ct);
                state.NextDueAt = until;
                work.Pull?.MoveToIfActive(PullStatus.Retrying, now, transient, error.Message);
                return;
            case LibreViewErrorKind.LockedOut:
                state.NextDueAt = now + (error.RetryAfter ?? TimeSpan.FromMinutes(5));
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

    /// <summary>Base × 2^(attempt − 1), capped, times a jitter of ±20 %.</summary>
    public static TimeSpan Backoff(SyncOptions options, int attempt)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = exponential < options.RetryMaxDelay ? exponential : options.RetryMaxDelay;
        return capped * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    /// <summary>Errors that need the patient, not a retry: a wrong or expired password of their own login, or a share that is gone.</summary>
    private static string? HealthErrorType(Connection connection, LibreViewError error) =>
        (connection.Provider, error.Kind) switch
        {
            (Providers.AbbottLibreView, LibreViewErrorKind.CredentialError) => SyncErrorTypes.CredentialError,
            (Providers.AbbottLibreView, LibreViewErrorKind.PasswordExpired) => SyncErrorTypes.PasswordExpired,
            (Providers.FreeStyleLibre, LibreViewErrorKind.PatientNotFound) => SyncErrorTypes.UserNotFound,
            _ => null,
        };

    private void StopConnection(SyncWork work, string errorType, string message, DateTime now)
    {
        var connection = work.Connection;
        work.Pull?.MoveToIfActive(PullStatus.Failure, now, errorType, message);
        work.State.NextDueAt = now + work.Options.ShareRecheckInterval;
        if (connection.Status == ConnectionStatus.Error) return;
        connection.Status = ConnectionStatus.Error;
        connection.ErrorType = errorType;
        connection.ErrorMessage = Truncate(message);
        connection.ErroredAt = now;
        events.ConnectionError(work, errorType, message);
    }

    // Quoted identifiers and portable SQL: the same statement runs on SQLite and PostgreSQL.
    private static Task BackOffRegionAsync(DashboardDbContext db, string region, DateTime until, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "RegionBackoffs" ("Region", "Until") VALUES ({region}, {until})
            ON CONFLICT ("Region") DO UPDATE SET "Until" =
                CASE WHEN excluded."Until" > "RegionBackoffs"."Until" THEN excluded."Until" ELSE "RegionBackoffs"."Until" END
            """, ct);

    private static string Truncate(string message) => message.Length <= 1000 ? message : message[..1000];
}
