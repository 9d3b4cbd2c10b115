using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>Connections, graph, logbook and paged history. Every answer carries a refreshed ticket, as the real service does.</summary>
internal static class DataEndpoints
{
    private static readonly TimeSpan LogbookSpan = TimeSpan.FromDays(14);

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/{region}/llu/connections", (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
            Authorized(context, region, flow, (viewer, ticket) =>
                Envelope.Ok(state.VisiblePatients(viewer, region).Select(p => WireFactory.Connection(viewer, p, state.Now)).ToList(), ticket)));

        e.MapGet("/{region}/llu/connections/{patientId}/graph", (string region, string patientId, HttpContext context, AuthFlow flow, SimulatorState state) =>
            WithPatient(context, region, patientId, flow, state, (viewer, patient, ticket) =>
                Envelope.Ok(WireFactory.Graph(viewer, patient, state.Now), ticket)));

        e.MapGet("/{region}/llu/connections/{patientId}/logbook", (string region, string patientId, HttpContext context, AuthFlow flow, SimulatorState state) =>
            WithPatient(context, region, patientId, flow, state, (_, patient, ticket) =>
            {
                var now = state.Now;
                var scans = patient.Data!.Scans(now - LogbookSpan, now.AddTicks(1)).Reverse().Select(r => WireFactory.Glucose(r, patient, withTrend: true)).ToList();
                return Envelope.Ok(scans, ticket);
            }));

        e.MapGet("/{region}/llu/connections/{patientId}/history", (string region, string patientId, string? from, string? to, string? cursor,
                HttpContext context, AuthFlow flow, SimulatorState state) =>
            WithPatient(context, region, patientId, flow, state, (_, patient, ticket) => History(patient, from, to, cursor, state.Now, ticket)));
    }

    /// <summary>One page of at most a day: [cursor or from, +1 day) clipped to <c>to</c>; data exists up to now.</summary>
    private static IResult History(SimAccount patient, string? fromText, string? toText, string? cursor, DateTimeOffset now, WireTicket ticket)
    {
        var from = HistoryCursor.ParseTime(fromText);
        var to = HistoryCursor.ParseTime(toText);
        if (from is null || to is null || from >= to) return Envelope.Error(LibreStatus.StepOrError, "invalidDateRange");
        var start = cursor is null ? from.Value : HistoryCursor.Decode(cursor);
        if (start is null || start < from || start >= to) return Envelope.Error(LibreStatus.StepOrError, "invalidCursor");

        var end = start.Value + HistoryCursor.PageLength < to ? start.Value + HistoryCursor.PageLength : to.Value;
        var dataEnd = end <= now ? end : now.AddTicks(1); // nothing after now exists yet
        var data = patient.Data!;
        var glucose = data.Historic(start.Value, dataEnd).Concat(data.Scans(start.Value, dataEnd))
            .OrderBy(r => r.Utc)
            .Select(r => WireFactory.Glucose(r, patient, withTrend: r.IsScan))
            .ToList();
        var notes = data.Notes(start.Value, dataEnd).Select(WireFactory.Note).ToList();
        var next = end < to ? HistoryCursor.Encode(end) : null;
        return Envelope.Ok(new WireHistoryPage(start.Value, end, glucose, notes, next), ticket);
    }

    /// <summary>Runs <paramref name="answer"/> for a caller with a full ticket and a matching <c>Account-Id</c>.</summary>
    internal static IResult Authorized(HttpContext context, string region, AuthFlow flow, Func<SimAccount, WireTicket, IResult> answer)
    {
        if (!context.Request.Headers.TryGetValue(LibreHeaders.AccountId, out var accountId) || string.IsNullOrEmpty(accountId))
            return Envelope.RequiredHeaderMissing();
        var (viewer, claims) = flow.Authenticate(context, region, step: null);
        if (viewer is null || claims is null || accountId != AccountId.FromUserId(viewer.Id)) return Envelope.Unauthorized();
        return answer(viewer, flow.Issue(viewer, region, null, claims.MfaPassed));
    }

    private static IResult WithPatient(HttpContext context, string region, string patientId, AuthFlow flow, SimulatorState state,
        Func<SimAccount, SimAccount, WireTicket, IResult> answer) =>
        Authorized(context, region, flow, (viewer, ticket) =>
        {
            var patient = state.VisiblePatients(viewer, region).FirstOrDefault(p => string.Equals(p.Id, patientId, StringComparison.OrdinalIgnoreCase));
            return patient?.Data is null ? Envelope.CouldNotLoadPatient() : answer(viewer, patient, ticket);
        });
}
