using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LibreView.Client.Parsing;
using LibreView.Wire;

namespace LibreView.Client;

/// <summary>The data half of the client: every call goes through <see cref="CallAsync{T}"/>.</summary>
public sealed partial class LibreViewClient
{
    public Task<LibreViewResult<IReadOnlyList<PatientConnection>>> GetConnectionsAsync(
        LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<PatientConnection>>(session, renewWith, "/llu/connections",
            r => Required(r.DataAs<List<WireConnection>>()).Select(WireMapper.ToConnection).ToList(), ct);

    public Task<LibreViewResult<GraphData>> GetGraphAsync(
        LibreViewSession session, string patientId, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        CallAsync(session, renewWith, $"/llu/connections/{Escape(patientId)}/graph",
            r => WireMapper.ToGraph(Required(r.DataAs<WireGraph>())), ct);

    public Task<LibreViewResult<IReadOnlyList<GlucoseReading>>> GetLogbookAsync(
        LibreViewSession session, string patientId, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<GlucoseReading>>(session, renewWith, $"/llu/connections/{Escape(patientId)}/logbook",
            r => Required(r.DataAs<List<WireGlucoseItem>>()).Select(WireMapper.ToReading).ToList(), ct);

    public Task<LibreViewResult<HistoryPage>> GetHistoryPageAsync(
        LibreViewSession session, string patientId, DateTimeOffset from, DateTimeOffset to, string? cursor = null,
        LibreViewCredentials? renewWith = null, CancellationToken ct = default)
    {
        var query = $"?from={Escape(Iso(from))}&to={Escape(Iso(to))}" + (cursor is null ? "" : $"&cursor={Escape(cursor)}");
        return CallAsync(session, renewWith, $"/llu/connections/{Escape(patientId)}/history{query}",
            r => WireMapper.ToHistoryPage(Required(r.DataAs<WireHistoryPage>())), ct);
    }

    public async IAsyncEnumerable<LibreViewResult<HistoryPage>> ReadHistoryAsync(
        LibreViewSession session, string patientId, DateTimeOffset from, DateTimeOffset to,
        LibreViewCredentials? renewWith = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetHistoryPageAsync(session, patientId, from, to, cursor, renewWith, ct);
            yield return page;
            if (!page.IsSuccess) yield break;
            session = page.Session ?? session;
            cursor = page.Value.NextCursor;
        } while (cursor is not null);
    }

    public Task<LibreViewResult<IReadOnlyList<Practice>>> GetPracticesAsync(
        LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        CallAsync<IReadOnlyList<Practice>>(session, renewWith, "/llu/practices",
            r => Required(r.DataAs<List<WirePractice>>()).Select(p => new Practice(p.PracticeId, p.Name, p.Region)).ToList(), ct);

    public Task<LibreViewResult<PracticePatient>> FindPracticePatientAsync(
        LibreViewSession session, string practiceId, string email, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        CallAsync(session, renewWith, $"/llu/practices/{Escape(practiceId)}/patients?email={Escape(email)}", r =>
        {
            var p = Required(r.DataAs<WirePracticePatient>());
            return new PracticePatient(p.PatientId, p.FirstName, p.LastName, p.Email, p.PracticeId);
        }, ct);

    /// <summary>
    /// One authenticated GET: renews an expired ticket when credentials are given (before the call if the clock says so,
    /// or once after LibreView refuses the ticket), reads the data, and keeps the refreshed ticket of the answer.
    /// </summary>
    private async Task<LibreViewResult<T>> CallAsync<T>(
        LibreViewSession session, LibreViewCredentials? renewWith, string pathAndQuery, Func<LluReply, T> read, CancellationToken ct)
    {
        var current = session;
        var renewed = false;
        if (renewWith is not null && current.IsExpired(_time.GetUtcNow()))
        {
            var login = await RenewAsync(current, renewWith, ct);
            if (!login.IsSuccess) return LibreViewResult<T>.Failure(login.Error, current);
            (current, renewed) = (login.Value, true);
        }

        while (true)
        {
            var (reply, error) = await _transport.SendAsync(HttpMethod.Get, current.Region, pathAndQuery, null, current.Token, current.AccountId, ct);
            error ??= ReplyErrors.Common(reply!) ?? (reply!.Status == LibreStatus.Ok ? null
                : ReplyErrors.Api($"LibreView answered status {reply.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {reply.ErrorMessage}"));
            if (error is { Kind: LibreViewErrorKind.SessionExpired } && renewWith is not null && !renewed)
            {
                var login = await RenewAsync(current, renewWith, ct);
                if (!login.IsSuccess) return LibreViewResult<T>.Failure(login.Error, current);
                (current, renewed) = (login.Value, true);
                continue;
            }
            if (error is not null) return LibreViewResult<T>.Failure(error, current);

            T value;
            try
            {
                value = read(reply!);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                return LibreViewResult<T>.Failure(ReplyErrors.Api($"LibreView sent data this client cannot read: {e.Message}"), current);
            }
            if (reply!.Ticket is { } ticket)
                current = current with { Token = ticket.Token, ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(ticket.Expires) };
            return LibreViewResult<T>.Success(value, current);
        }
    }

    /// <summary>Logs in again in the session's region with its trusted device, so no new two-factor code is needed.</summary>
    private async Task<LibreViewResult<LibreViewSession>> RenewAsync(LibreViewSession session, LibreViewCredentials credentials, CancellationToken ct)
    {
        var login = await LoginAsync(credentials with
        {
            Region = session.Region,
            TrustedDeviceToken = session.TrustedDeviceToken ?? credentials.TrustedDeviceToken,
        }, ct);
        return login.IsSuccess && login.Value.TrustedDeviceToken is null
            ? LibreViewResult<LibreViewSession>.Success(login.Value with { TrustedDeviceToken = session.TrustedDeviceToken }, null)
            : login;
    }

    private static T Required<T>(T? value) where T : class =>
        value ?? throw new JsonException("The answer has no data");

    private static string Escape(string s) => Uri.EscapeDataString(s);

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
