using System.Collections.Concurrent;
using Dashboard.Core.Connections;
using Dashboard.Core.Practices;
using LibreView.Client;
using Microsoft.Extensions.Options;
using LibreReading = LibreView.Client.GlucoseReading;

namespace Dashboard.Core.Sync;

/// <summary>What one window of history held.</summary>
internal sealed record FetchedWindow(IReadOnlyList<LibreReading> Glucose, IReadOnlyList<NoteEntry> Notes);

/// <summary>
/// Reads one connection's history with the right LibreView account: the patient's own stored login and session
/// (<c>abbott_libreview</c>), or our practice account and the patient id (<c>freestyle_libre</c>). Keeps the
/// session LibreView refreshes on every answer, so the caller can store it back.
/// </summary>
internal sealed class LibreViewReader
{
    private readonly ILibreViewClient _client;
    private readonly LibreViewCredentials _renewWith;
    private readonly Action<LibreViewSession> _keep;
    private LibreViewSession _session;

    private LibreViewReader(ILibreViewClient client, LibreViewSession session, LibreViewCredentials renewWith, string patientId, Action<LibreViewSession> keep)
    {
        _client = client;
        _session = session;
        _renewWith = renewWith;
        _keep = keep;
        PatientId = patientId;
    }

    public string PatientId { get; }

    /// <summary>The LibreView API region the requests go to (rate limits apply per region).</summary>
    public string Region => _session.Region;

    public async Task<(FetchedWindow? Window, LibreViewError? Error)> FetchAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var glucose = new List<LibreReading>();
        var notes = new List<NoteEntry>();
        await foreach (var page in _client.ReadHistoryAsync(_session, PatientId, Utc(fromUtc), Utc(toUtc), _renewWith, ct))
        {
            if (page.Session is { } session) Keep(session);
            if (!page.IsSuccess) return (null, page.Error);
            glucose.AddRange(page.Value.Glucose);
            notes.AddRange(page.Value.Notes);
        }
        return (new FetchedWindow(glucose, notes), null);
    }

    private void Keep(LibreViewSession session)
    {
        _session = session;
        _keep(session);
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>Opens a reader for the connection, signing in first only when there is no session to resume.</summary>
    internal sealed class Factory(ILibreViewClient client, CredentialVault vault, IOptions<PracticeAccountOptions> practiceAccounts, PracticeSessions practiceSessions)
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
                var login = await client.LoginAsync(renewWith, ct);
                if (!login.IsSuccess) return (null, login.Error);
                session = login.Value;
            }
            var patientId = connection.ExternalUserId ?? session.UserId;
            void Keep(LibreViewSession s) => connection.ProtectedCredentials = vault.Protect(stored with { Session = s });
            Keep(session);
            return (new LibreViewReader(client, session, renewWith, patientId, Keep), null);
        }

        private async Task<(LibreViewReader?, LibreViewError?)> OpenPracticeAsync(SyncWork work, CancellationToken ct)
        {
            var apiRegion = SyncRegions.ApiRegionOf(work.Connection);
            var account = practiceAccounts.Value.For(work.Team.Environment, apiRegion);
            if (account is null || work.Connection.ExternalUserId is not { } patientId)
            {
                return (null, new LibreViewError(LibreViewErrorKind.ProviderApiError, $"No practice account serves region {apiRegion}"));
            }
            var credentials = new LibreViewCredentials(account.Email, account.Password, apiRegion);
            var key = $"{account.Email}|{apiRegion}";
            if (!practiceSessions.TryGetValue(key, out var session))
            {
                var login = await client.LoginAsync(credentials, ct);
                if (!login.IsSuccess) return (null, login.Error);
                session = login.Value;
            }
            void Keep(LibreViewSession s) => practiceSessions[key] = s;
            Keep(session);
            return (new LibreViewReader(client, session, credentials, patientId, Keep), null);
        }
    }
}

/// <summary>Our practice accounts' sessions, shared by every sync of this process (a cache: any instance can log in again).</summary>
internal sealed class PracticeSessions : ConcurrentDictionary<string, LibreViewSession>;

internal static class SyncRegions
{
    /// <summary>
    /// The LibreView API region a connection's requests go to: a password connection stores the region its login
    /// resolved to; an email connection stores the patient's country code, served by its API region.
    /// </summary>
    public static string ApiRegionOf(Connection connection) =>
        connection.Provider == Providers.FreeStyleLibre
            ? LibreViewRegions.ApiRegionFor(connection.Region ?? "us")
            : connection.Region ?? "us";
}
