using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// <c>GET /glucoseHistory</c> and, for Pro, <c>GET /patients/{id}/glucoseHistory</c> (reference §3.5): aggregates only,
/// no raw readings. The keys are the reference's (single sources); how periods are laid out and what a block's
/// <c>time</c> means are not public, so those parts are assumed and say so where they are built.
/// </summary>
internal static class GlucoseHistoryEndpoints
{
    private const int BinSeconds = 15 * 60;

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/{region}/glucoseHistory", (string region, int? numPeriods, int? period, long? from, HttpContext context, AuthFlow flow, SimulatorState state) =>
            WrongRegion(context, region, state) ?? DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                viewer.IsPatient && viewer.Data is not null
                    ? Envelope.Ok(History(viewer, numPeriods, period, from, state), ticket)
                    : FailedToLoadHistory()));

        e.MapGet("/{region}/patients/{id}/glucoseHistory", (string region, string id, int? numPeriods, int? period, long? from, HttpContext context, AuthFlow flow, SimulatorState state) =>
            WrongRegion(context, region, state) ?? DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                ProEndpoints.Shared(viewer, id, region, state) is { Data: not null } patient
                    ? Envelope.Ok(History(patient, numPeriods, period, from, state), ticket)
                    : Envelope.CouldNotLoadPatient()));
    }

    /// <summary>The real answer to a ticket of another region (the DiaBLE capture).</summary>
    private static IResult FailedToLoadHistory() => Envelope.Error(LibreStatus.NotAuthenticated, "failedToLoadHistory");

    private static IResult? WrongRegion(HttpContext context, string region, SimulatorState state) =>
        AuthFlow.BearerOf(context) is { } token && state.Tickets.Decode(token) is { Step: null } claims
        && claims.Expires > state.Now.ToUnixTimeSeconds() && !string.Equals(claims.Region, region, StringComparison.OrdinalIgnoreCase)
            ? FailedToLoadHistory()
            : null;

    private static object History(SimAccount patient, int? numPeriods, int? period, long? from, SimulatorState state)
    {
        var data = patient.Data!;
        var uploaded = state.UploadedUntil(patient);
        // assumed: at most 20 periods of 1–90 days; periods listed oldest first; with `from` they run forward from it,
        // without it the last one ends at the next UTC midnight (§3.5: the exact semantics are not public)
        var count = Math.Clamp(numPeriods ?? 5, 1, 20);
        var days = Math.Clamp(period ?? 14, 1, 90);
        var start = from is { } f
            ? DateTimeOffset.FromUnixTimeSeconds(f)
            : new DateTimeOffset(state.Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero).AddDays(-count * days);
        var periods = Enumerable.Range(0, count).Select(i =>
        {
            var periodStart = start.AddDays(i * days);
            var periodEnd = periodStart.AddDays(days);
            var readings = periodStart < uploaded
                ? data.Historic(periodStart, periodEnd < uploaded ? periodEnd : uploaded).ToList()
                : [];
            return new
            {
                dateStart = periodStart.ToUnixTimeSeconds(),
                dateEnd = periodEnd.ToUnixTimeSeconds(),
                daysOfData = readings.Select(r => DateOnly.FromDateTime(r.Local)).Distinct().Count(),
                avgGlucose = readings.Count == 0 ? 0 : Math.Round(readings.Average(r => r.MgPerDl), 1),
                data = new
                {
                    maxGlucoseValue = readings.Count == 0 ? 0 : readings.Max(r => r.MgPerDl),
                    blocks = new[] { Blocks(readings) },
                },
            };
        }).ToList();
        return new
        {
            lastUpload = uploaded.ToUnixTimeSeconds(),
            lastUploadCGM = uploaded.ToUnixTimeSeconds(),
            lastUploadPro = 0,
            reminderSent = false,
            devices = new[] { data.Sensor.DeviceTypeId },
            periods,
        };
    }

    // assumed: one block of 15-minute times of day (`time` = seconds after local midnight, as in the synthetic sample),
    // each with the nearest-rank percentiles in mg/dL whatever the account's unit
    private static List<object> Blocks(IReadOnlyList<Generation.GeneratedReading> readings) =>
        readings.GroupBy(r => (int)r.Local.TimeOfDay.TotalSeconds / BinSeconds * BinSeconds).OrderBy(g => g.Key)
            .Select(g =>
            {
                var values = g.Select(r => r.MgPerDl).Order().ToArray();
                int P(int percent) => values[Math.Clamp((int)Math.Ceiling(percent / 100.0 * values.Length) - 1, 0, values.Length - 1)];
                return (object)new { time = g.Key, percentile5 = P(5), percentile25 = P(25), percentile50 = P(50), percentile75 = P(75), percentile95 = P(95) };
            }).ToList();
}
