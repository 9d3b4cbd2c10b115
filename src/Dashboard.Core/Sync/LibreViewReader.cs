using Dashboard.Core.Connections;
using Dashboard.Core.Practices;
using LibreView.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sync;

/// <summary>What one window of history held (floating device times), and the device's offset from UTC when known.</summary>
internal sealed record FetchedWindow(IReadOnlyList<GlucoseReading> Glucose, IReadOnlyList<NoteEntry> Notes, int? TimeOffsetMinutes);

/// <summary>
/// Reads one connection's history through LibreView's Daily Log report with the right account: the patient's own
/// stored login and session (<c>abbott_libreview</c>), or our practice account's shared session and the patient id
/// (<c>freestyle_libre</c>). Keeps the session LibreView refreshes on every answer, so it is stored back.
/// </summary>
internal sealed class LibreViewReader
{
    /// <summary>The latest wall-clock time anywhere (UTC+14): a window that ends now asks up to here, so today's readings of any zone come.</summary>
    private static readonly TimeSpan LatestZone = TimeSpan.FromHours(14);

    private readonly ILibreViewClient _client;
    private readonly LibreViewCredentials _renewWith;
    private readonly Func<LibreViewSession?, LibreViewError?, Task> _keep;
    private readonly string? _patientId;
    private LibreViewSession _session;
    private (LibreViewSession? Session, LibreViewError? Error)? _unkept;

    private LibreViewReader(ILibreViewClient client, LibreViewSession session, LibreViewCredentials renewWith, string? patientId,
        Func<LibreViewSession?, LibreViewError?, Task> keep)
    {
        _client = client;
        _session = session;
        _renewWith = renewWith;
        _patientId = patientId;
        _keep = keep;
    }

    /// <summary>The LibreView API region the requests go to (blocks apply per region).</summary>
    public string Region => _session.Region;

    /// <summary>
    /// The Daily Log of [from, to) read as floating times; a window reaching <paramref name="now"/> reaches today
    /// everywhere. Each day goes to <paramref name="onDay"/> as it is parsed (to be dropped if the result is a failure).
    /// The session LibreView refreshed is kept by <see cref="KeepSessionAsync"/>, after the caller has stored the days.
    /// </summary>
    public async Task<(FetchedWindow? Window, LibreViewError? Error)> FetchAsync(DateTime from, DateTime to, DateTime now, Action<DailyLogDay> onDay, CancellationToken ct)
    {
        var end = to >= now ? now + LatestZone : to;
        var log = await _client.GetDailyLogAsync(_session, _patientId, Floating(from), Floating(end), _renewWith, onDay, ct);
        if (log.Session is { } session) _session = session;
        _unkept = (log.Session, log.Error);
        return log.IsSuccess ? (new FetchedWindow(log.Value.Glucose, log.Value.Notes, log.Value.TimeOffsetMinutes), null) : (null, log.Error);
    }

    /// <summary>
    /// Stores the session (and any error) of the last fetch: a practice account's shared session in a write of its own,
    /// which on SQLite must not start while the fetch's days hold the write lock, so the caller keeps it after them.
    /// </summary>
    public async Task KeepSessionAsync()
    {
        if (_unkept is not { } unkept) return;
        _unkept = null;
        await _keep(unkept.Session, unkept.Error);
    }

    private static DateTime Floating(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Unspecified);

    /// <summary>Opens a reader for the connection, signing in first only when there is no session to resume.</summary>
    internal sealed class Factory(ILibreViewClient client, CredentialVault vault, IOptions<PracticeAccountOptions> practiceAccounts, PracticeAccountSessions practiceSessions)
    {
        public async Task<(LibreViewReader? Reader, LibreViewError? Error)> OpenAsync(SyncWork work, CancellationToken ct)
        {
            var connection = work.Connection;
            if (connection.Provider == Providers.FreeStyleLibre)
            {
                return await OpenPracticeAsync(work, ct);
            }
            var stored = vault.UnprotectCredentials(connection.ProtectedCredentials);
            if (stored is null)
            {
                return (null, new LibreViewError(LibreViewErrorKind.CredentialError, "The connection has no stored LibreView login"));
            }
            var renewWith = stored.ToLogin(connection.Region);
            var session = stored.Session;
            if (session is null)
            {
                var login = await client.LoginAsync(renewWith, LoginPurpose.Unattended, ct);
                if (!login.IsSuccess) return (null, login.Error);
                session = login.Value;
            }
            Task Keep(LibreViewSession? s, LibreViewError? _)
            {
                if (s is not null) connection.ProtectedCredentials = vault.Protect(stored with { Session = s with { AcceptedDocuments = null } });
                return Task.CompletedTask;
            }
            await Keep(session, null);
            return (new LibreViewReader(client, session, renewWith, null, Keep), null);
        }

        private async Task<(LibreViewReader?, LibreViewError?)> OpenPracticeAsync(SyncWork work, CancellationToken ct)
        {
            var apiRegion = SyncRegions.ApiRegionOf(work.Connection);
            var account = practiceAccounts.Value.For(work.Team.Environment, apiRegion);
            if (account is null || work.Connection.ExternalUserId is not { } patientId)
            {
                return (null, new LibreViewError(LibreViewErrorKind.ProviderApiError, $"No practice account serves region {apiRegion}"));
            }
            var (session, problem) = await practiceSessions.SignedInAsync(account, ct);
            if (session is null)
            {
                return (null, new LibreViewError(LibreViewErrorKind.ProviderApiError, problem?.Message ?? "The practice account is not signed in"));
            }
            return (new LibreViewReader(client, session, PracticeAccountSessions.CredentialsOf(account, session.TrustedDeviceToken), patientId,
                (s, e) => practiceSessions.KeepAsync(account, s, e, ct)), null);
        }
    }
}

internal static class SyncRegions
{
    /// <summary>
    /// The LibreView API region a connection's requests go to: a password connection stores the region its login
    /// resolved to; an email connection stores the patient's country code, served by its API region.
    /// </summary>
    public static string ApiRegionOf(Connection connection) =>
        connection.Provider == Providers.FreeStyleLibre
            ? LibreViewCountries.ApiRegionFor(connection.Region ?? "us")
            : connection.Region ?? "us";
}
