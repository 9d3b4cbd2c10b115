using System.Globalization;
using System.Text.Json;
using LibreView.Client.Parsing;
using LibreView.Wire;
using Microsoft.Extensions.Logging;

namespace LibreView.Client;

/// <summary>The data half of the client (reference §3, §4): every operation runs through <see cref="RunAsync{T}"/>.</summary>
public sealed partial class LibreViewClient
{
    public Task<LibreViewResult<LibreViewAccount>> GetAccountAsync(
        LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        RunAsync<LibreViewAccount>(session, renewWith, async call =>
        {
            var (reply, error) = await call.GetAsync("/user", ct);
            return error is not null ? (null, error) : (AccountReader.Read(reply!), null);
        }, ct);

    public Task<LibreViewResult<DailyLog>> GetDailyLogAsync(
        LibreViewSession session, string? patientId, DateTime from, DateTime to,
        LibreViewCredentials? renewWith = null, Action<DailyLogDay>? onDay = null, CancellationToken ct = default) =>
        RunAsync(session, renewWith, call => ReadDailyLogAsync(call, patientId, from, to, onDay, ct), ct);

    public Task<LibreViewResult<PracticePatient>> FindPatientAsync(
        LibreViewSession session, string email, string? practiceId,
        LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        RunAsync(session, renewWith, call => FindAsync(call, email.Trim(), practiceId?.Trim(), ct), ct);

    /// <summary>§3.2–§3.4: devices, <c>POST /reports</c>, channel, long-poll, report HTML, <c>window.Report</c>.</summary>
    /// <remarks>The parse is the last step: no request follows it, so a renewal never starts the operation over after a day was given to <paramref name="onDay"/>.</remarks>
    private async Task<(DailyLog?, LibreViewError?)> ReadDailyLogAsync(Call call, string? patientId, DateTime from, DateTime to,
        Action<DailyLogDay>? onDay, CancellationToken ct)
    {
        var (settings, error) = await call.GetAsync(patientId is null ? "/reportSettings" : $"/patients/{Escape(patientId)}/reportSettings", ct);
        if (error is not null) return (null, error);
        var devices = ReportDevices.Read(settings!);
        if (devices is null)
            return (new DailyLog(from, to, [], [], null, []), null); // nothing uploaded yet: an empty report, not a failure

        var request = new WireReportRequest
        {
            PrimaryDeviceId = devices.Primary.Id,
            PrimaryDeviceTypeId = devices.Primary.Type,
            SecondaryDeviceIds = devices.Secondary,
            ReportIds = [ReportIds.DailyLog(devices.Primary.Type)],
            ClientReportIDs = [ReportIds.DailyLogClientId],
            StartDates = [ReportTime.FromFloating(from)],
            EndDate = ReportTime.FromFloating(to),
            PatientId = patientId ?? call.Session.UserId,
            ProfessionalId = patientId is null ? null : call.Session.UserId,
        };
        var (started, startError) = await call.SendAsync(HttpMethod.Post, "/reports", request, ct);
        if (startError is not null) return (null, startError);
        if (AbsoluteUrl(started!.DataProperty("url")) is not { } channelUrl)
            return (null, ReplyErrors.Api("LibreView started no report channel"));
        if (Refused(channelUrl, "report channel") is { } refusedChannel) return (null, refusedChannel);

        var (channel, channelError) = await call.SendAsync(HttpMethod.Get, channelUrl, ct);
        if (channelError is not null) return (null, channelError);
        if (AbsoluteUrl(channel!.DataProperty("lp")) is not { } pollUrl)
            return (null, ReplyErrors.Api("The report channel gave no long-poll address"));
        if (Refused(pollUrl, "long-poll") is { } refusedPoll) return (null, refusedPoll);

        var (reportUrl, pollError) = await PollAsync(call, pollUrl, ct);
        if (pollError is not null) return (null, pollError);
        if (Refused(reportUrl!, "report") is { } refusedReport) return (null, refusedReport);

        var withSession = new UriBuilder(reportUrl!) { Query = AppendQuery(reportUrl!.Query, "session", call.Session.Token) }.Uri;
        var (status, html, downloadError) = await _transport.SendRawAsync(HttpMethod.Get, withSession, null, null, null, "text/html", ct);
        if (downloadError is not null) return (null, downloadError);
        if (status is < 200 or > 299) return (null, ReplyErrors.NotEnvelope(status, html!));
        var parsed = DailyLogParser.Parse(html!, onDay);
        if (parsed.Error is { } parseError) return (null, ReplyErrors.Api(parseError));
        if (parsed.UnknownDayKeys.Count > 0)
            _log.LogInformation("The Daily Log has day keys this client does not read: {Keys}", string.Join(", ", parsed.UnknownDayKeys));
        return (new DailyLog(from, to, parsed.Glucose, parsed.Notes, devices.Primary.TimeOffsetMinutes, parsed.UnknownDayKeys), null);
    }

    /// <summary>Long-polls until <c>update</c>, a bounded number of times with growing waits (§3.3, §10 Q7).</summary>
    private async Task<(Uri?, LibreViewError?)> PollAsync(Call call, Uri pollUrl, CancellationToken ct)
    {
        var delay = Options.PollDelay;
        for (var attempt = 1; attempt <= Options.MaxPollAttempts; attempt++)
        {
            var (reply, error) = await call.SendAsync(HttpMethod.Get, pollUrl, ct);
            if (error is not null) return (null, error);
            var operation = reply!.Root.TryGetProperty("operation", out var op) ? op.GetString() : null;
            if (operation == LibreStatus.OperationUpdate)
            {
                var url = reply.Root.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object
                          && args.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Object
                          && urls.TryGetProperty(ReportIds.DailyLogClientId.ToString(CultureInfo.InvariantCulture), out var u)
                    ? AbsoluteUrl(u)
                    : null;
                return url is null ? (null, ReplyErrors.Api("The finished report has no address")) : (url, null);
            }
            if (operation != LibreStatus.OperationStarted)
                return (null, ReplyErrors.Api($"The report failed (operation '{operation ?? "none"}')"));
            if (attempt < Options.MaxPollAttempts) await Task.Delay(delay, _time, ct);
            delay *= Options.PollBackoffFactor;
        }
        return (null, ReplyErrors.Api($"The report was not ready after {Options.MaxPollAttempts} long-polls"));
    }

    /// <summary>§4.6: page through <c>/dashboard</c> with the email column, confirm the match with <c>GET /patients/{id}</c>.</summary>
    private async Task<(PracticePatient?, LibreViewError?)> FindAsync(Call call, string email, string? practiceId, CancellationToken ct)
    {
        for (var page = 1; page <= Options.MaxDashboardPages; page++)
        {
            var (reply, error) = await call.SendAsync(HttpMethod.Post, "/dashboard",
                new WireDashboardRequest { Count = Options.DashboardPageSize, Page = page }, ct);
            if (error is not null) return (null, error);
            var rows = reply!.DataProperty("results") is { ValueKind: JsonValueKind.Array } r ? r.EnumerateArray().ToList() : [];
            foreach (var row in rows)
            {
                if (!string.Equals(Text(row, "email"), email, StringComparison.OrdinalIgnoreCase) || Text(row, "id") is not { } id) continue;
                var (patient, patientError) = await call.GetAsync($"/patients/{Escape(id)}", ct);
                if (patientError is { Kind: LibreViewErrorKind.PatientNotFound }) continue;
                if (patientError is not null) return (null, patientError);
                if (PatientReader.Read(patient!, email, practiceId) is { } found) return (found, null);
            }
            if (rows.Count < Options.DashboardPageSize) break; // no total is given (§4.3): a short page is the last
        }
        return (null, new LibreViewError(LibreViewErrorKind.PatientNotFound,
            practiceId is null ? "No patient with that email shares with our practices" : $"No patient with that email shares with the practice {practiceId}"));
    }

    /// <summary>
    /// Runs one operation with the session kept current: every answer's ticket replaces the token, and when LibreView
    /// refuses the ticket the client logs in again once, unattended, and starts the operation over.
    /// </summary>
    private async Task<LibreViewResult<T>> RunAsync<T>(
        LibreViewSession session, LibreViewCredentials? renewWith, Func<Call, Task<(T?, LibreViewError?)>> operation, CancellationToken ct)
    {
        var call = new Call(this, session);
        for (var renewed = false; ; renewed = true)
        {
            (T? value, LibreViewError? error) result;
            try
            {
                result = await operation(call);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                result = (default, ReplyErrors.Api($"LibreView sent data this client cannot read: {e.Message}"));
            }
            var (value, error) = result;
            if (error is { Kind: LibreViewErrorKind.SessionExpired } && renewWith is not null && !renewed)
            {
                var login = await RenewAsync(call.Session, renewWith, ct);
                if (!login.IsSuccess) return LibreViewResult<T>.Failure(login.Error, call.Session);
                call.Session = login.Value;
                continue;
            }
            if (error is { Kind: LibreViewErrorKind.ClientDefect })
                _log.LogError("LibreView refused a request of ours as malformed; this is a defect of this client: {Message}", error.Message);
            return error is null ? LibreViewResult<T>.Success(value!, call.Session) : LibreViewResult<T>.Failure(error, call.Session);
        }
    }

    /// <summary>Logs in again, unattended, in the session's region with its trusted device (so no new two-factor code).</summary>
    private async Task<LibreViewResult<LibreViewSession>> RenewAsync(LibreViewSession session, LibreViewCredentials credentials, CancellationToken ct)
    {
        var login = await LoginAsync(credentials with
        {
            Region = session.Region,
            TrustedDeviceToken = session.TrustedDeviceToken ?? credentials.TrustedDeviceToken,
        }, LoginPurpose.Unattended, ct);
        if (!login.IsSuccess || login.Value.TrustedDeviceIssuedAt is not null) return login;
        var kept = login.Value with
        {
            TrustedDeviceToken = login.Value.TrustedDeviceToken ?? session.TrustedDeviceToken,
            TrustedDeviceIssuedAt = session.TrustedDeviceIssuedAt,
        };
        return LibreViewResult<LibreViewSession>.Success(kept, kept);
    }

    /// <summary>The session of one operation, refreshed by the ticket of each answer.</summary>
    private sealed class Call(LibreViewClient client, LibreViewSession session)
    {
        public LibreViewSession Session { get; set; } = session;

        public Task<(LibreReply?, LibreViewError?)> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

        public async Task<(LibreReply?, LibreViewError?)> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct) =>
            Checked(await client._transport.SendAsync(method, Session.Region, path, body, Session.Token, Session.AccountId, ct));

        public async Task<(LibreReply?, LibreViewError?)> SendAsync(HttpMethod method, Uri url, CancellationToken ct) =>
            Checked(await client._transport.SendAsync(method, url, null, Session.Token, Session.AccountId, ct));

        private (LibreReply?, LibreViewError?) Checked((LibreReply? Reply, LibreViewError? Error) sent)
        {
            if (sent.Error is not null) return (null, sent.Error);
            var reply = sent.Reply!;
            if (ReplyErrors.Common(reply) is { } error) return (null, error);
            if (reply.Status is { } status && status != LibreStatus.Ok)
                return (null, ReplyErrors.Api($"LibreView answered status {status.ToString(CultureInfo.InvariantCulture)}: {reply.ErrorMessage ?? "no message"}"));
            if (reply.Ticket is { } ticket)
                Session = Session with { Token = ticket.Token, ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(ticket.Expires) };
            return (reply, null);
        }
    }

    /// <summary>A handed-back address on a host we do not know is refused (and logged), never fetched with the ticket.</summary>
    private LibreViewError? Refused(Uri url, string what)
    {
        if (Options.MayFetchHandedBack(url)) return null;
        _log.LogError("LibreView handed back a {What} address on {Host}, which is neither a LibreView host of the served regions nor a configured one; " +
                      "it was not fetched. If the host is genuine, add it to LibreView:ExtraHandBackHosts.", what, url.GetLeftPart(UriPartial.Authority));
        return new LibreViewError(LibreViewErrorKind.ProviderApiError,
            $"LibreView handed back a {what} address on a host this client does not trust ({url.Host}); it was not fetched");
    }

    private static Uri? AbsoluteUrl(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } s && Uri.TryCreate(s.GetString(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private static string AppendQuery(string query, string name, string value)
    {
        var existing = query.TrimStart('?');
        var pair = $"{name}={Uri.EscapeDataString(value)}";
        return existing.Length == 0 ? pair : existing + "&" + pair;
    }

    internal static string? Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Escape(string s) => Uri.EscapeDataString(s);
}
