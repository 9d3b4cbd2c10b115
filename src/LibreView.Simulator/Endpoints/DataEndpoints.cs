using LibreView.Simulator.Accounts;
using LibreView.Simulator.Control;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// The web data surface (reference §3): <c>/user</c>, <c>/reportSettings</c>, and the report pipeline
/// <c>POST /reports</c> → channel → long-poll → report HTML. Every JSON answer carries a refreshed ticket.
/// The channel, long-poll and report live on hub hosts in production (§1.1); here they are served under the same
/// region prefix, at the URLs the answers give.
/// </summary>
internal static class DataEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/{region}/user", (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
            Authorized(context, region, flow, (viewer, ticket) =>
                Envelope.Ok(LoginPayloads.UserData(viewer, viewer.IsPatient ? [] : state.PracticesOf(viewer, region), ticket, state.Now), ticket)));

        e.MapGet("/{region}/reportSettings", (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
            Authorized(context, region, flow, (viewer, ticket) =>
                viewer.Data is null ? Envelope.CouldNotLoadPatient() : Envelope.Ok(ReportSettings(viewer, state), ticket)));

        e.MapPost("/{region}/reports", async (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
        {
            var request = await AuthEndpoints.ReadBody<WireReportRequest>(context);
            return Authorized(context, region, flow, (viewer, ticket) => StartReport(context, region, viewer, request, state, ticket));
        });

        e.MapGet("/{region}/channel/{id}", (string region, string id, HttpContext context, AuthFlow flow, SimulatorState state) =>
            Authorized(context, region, flow, (viewer, _) =>
                state.Reports.TryGetValue(id, out var report) && report.ViewerId == viewer.Id
                    ? Envelope.Json(new { status = LibreStatus.Ok, data = new { lp = $"{Base(context, region)}/lp/{id}?client={Ids.Random()}" } })
                    : Envelope.Json(new { status = LibreStatus.StepOrError, error = new { message = "unknownChannel" } }))); // assumed

        e.MapGet("/{region}/lp/{id}", async (string region, string id, HttpContext context, AuthFlow flow, SimulatorState state) =>
        {
            var (viewer, _) = flow.Authenticate(context, region, step: null);
            if (viewer is null) return Envelope.ExpiredJwt();
            if (!state.Reports.TryGetValue(id, out var report) || report.ViewerId != viewer.Id)
                return Envelope.Json(new { operation = "error", args = new { } }); // assumed failure operation (§10 Q7)
            var settings = state.Settings;
            if (settings.LongPollHoldMilliseconds > 0) await Task.Delay(settings.LongPollHoldMilliseconds, context.RequestAborted);
            if (state.Faults.Get(region).LongPollNeverCompletes || report.Poll() < settings.LongPollStartedCount)
                return Envelope.Json(new { operation = LibreStatus.OperationStarted, args = new { } });
            // An export's channel answers one URL under args.url (singular), a pre-signed S3 address in production (§3.7).
            if (report.IsExport) return Envelope.Json(new { operation = LibreStatus.OperationUpdate, args = new { url = ExportEndpoints.DownloadUrl(context, region, id) } });
            var url = $"{Base(context, region)}/report/{id}/{ReportIds.DailyLogClientId}.html";
            return Envelope.Json(new { operation = LibreStatus.OperationUpdate, args = new { urls = new Dictionary<string, string> { [ReportIds.DailyLogClientId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = url } } });
        });

        // The report takes the token as ?session= and no Authorization (§3.3).
        e.MapGet("/{region}/report/{id}/{file}", (string region, string id, string? session, AuthFlow flow, SimulatorState state) =>
        {
            var (viewer, _) = flow.Authenticate(session, region, step: null);
            if (viewer is null) return Envelope.ExpiredJwt();
            if (!state.Reports.TryGetValue(id, out var report) || report.ViewerId != viewer.Id || report.IsExport
                || state.Now - report.CreatedAt > state.Settings.ReportUrlLifetime) // assumed expiry (§10 Q8)
                return Results.Text("<html><body>Report not found</body></html>", "text/html", statusCode: StatusCodes.Status404NotFound);
            var patient = state.FindById(report.PatientId)!;
            return Results.Text(ReportFactory.Html(patient, report.From, report.To, state.UploadedUntil(patient), state.Settings), "text/html");
        });
    }

    /// <summary>The patient's one device; <c>daysData</c> as "days ago with data" (assumed, §10 Q15).</summary>
    internal static object ReportSettings(SimAccount patient, SimulatorState state)
    {
        var data = patient.Data!;
        var now = state.Now;
        var offset = (int)data.Zone.GetUtcOffset(now).TotalMinutes;
        var id = LoginPayloads.DeviceId(patient);
        return new
        {
            endDate = now.ToUnixTimeSeconds(),
            settings = new { lowThreshold = 70, highThreshold = 250, targetRange = new { min = 70, max = 180 }, includePatientInfo = false },
            dataSources = new Dictionary<string, object>
            {
                [id] = new
                {
                    id,
                    nickname = "",
                    sn = data.SessionAt(now).SerialNumber,
                    type = data.Sensor.DeviceTypeId,
                    uploadDate = state.UploadedUntil(patient).ToUnixTimeSeconds(),
                    daysData = Enumerable.Range(0, 14).ToArray(),
                    timeOffsetMinutes = offset,
                    firmwareVersion = "3.6.2",
                },
            },
        };
    }

    private static IResult StartReport(HttpContext context, string region, SimAccount viewer, WireReportRequest? request, SimulatorState state, WireTicket ticket)
    {
        if (request is null || request.StartDates.Count != 1 || request.ReportIds.Count != 1 || request.ClientReportIDs.Count != 1)
            return Envelope.Error(LibreStatus.StepOrError, "invalidReportRequest"); // assumed
        var patient = viewer.IsPatient
            ? (string.Equals(request.PatientId, viewer.Id, StringComparison.OrdinalIgnoreCase) ? viewer : null)
            : state.FindById(request.PatientId) is { } p && state.SharedPractices(viewer, p, region).Count > 0 ? p : null;
        if (patient?.Data is null) return Envelope.CouldNotLoadPatient();
        if (request.ReportIds[0] != ReportIds.DailyLog(patient.Data.Sensor.DeviceTypeId) || request.PrimaryDeviceId != LoginPayloads.DeviceId(patient))
            return Envelope.Error(LibreStatus.StepOrError, "invalidDevice"); // assumed
        var from = ReportTime.ToFloating(request.StartDates[0]);
        var to = ReportTime.ToFloating(request.EndDate);
        if (to <= from || (to - from).TotalDays > state.Settings.MaxReportDays)
            return Envelope.Error(LibreStatus.StepOrError, "invalidDateRange"); // assumed (§10 Q6)
        var id = Ids.Random();
        state.Reports[id] = new SimReport(viewer.Id, patient.Id, region, from, to, state.Now);
        var channel = state.Faults.Get(region).HandBackHost is { Length: > 0 } stranger
            ? $"https://{stranger}/{region}/channel/{id}"
            : $"{Base(context, region)}/channel/{id}";
        return Envelope.Ok(new { url = channel }, ticket);
    }

    /// <summary>This simulator's address for the region, as the client reached it.</summary>
    internal static string Base(HttpContext context, string region) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/{region}";

    /// <summary>Runs <paramref name="answer"/> for a caller with a full ticket; in strict mode also a matching <c>account-id</c>.</summary>
    internal static IResult Authorized(HttpContext context, string region, AuthFlow flow, Func<SimAccount, WireTicket, IResult> answer)
    {
        var (viewer, claims) = flow.Authenticate(context, region, step: null);
        if (viewer is null || claims is null) return Envelope.ExpiredJwt();
        var accountId = context.Request.Headers[LibreHeaders.AccountId].ToString();
        if (accountId.Length > 0 && accountId != AccountId.FromUserId(viewer.Id)) return Envelope.ExpiredJwt();
        return answer(viewer, flow.Issue(viewer, region, null, claims.MfaPassed));
    }
}
