using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// The Pro surface (reference §4): <c>POST /dashboard</c> (rows echo the requested columns plus <c>id</c>; <c>searching</c>
/// is ignored, no total count: all assumed, §10 Q9), <c>GET /patients/{id}</c> and <c>GET /patients/{id}/reportSettings</c>.
/// </summary>
internal static class ProEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/{region}/dashboard", async (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
        {
            var request = await AuthEndpoints.ReadBody<WireDashboardRequest>(context) ?? new WireDashboardRequest();
            return DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
            {
                var count = Math.Clamp(request.Count, 1, 500);
                var page = Math.Max(1, request.Page);
                var rows = (viewer.IsPatient ? [] : state.VisiblePatients(viewer, region))
                    .OrderBy(p => p.FirstName, StringComparer.Ordinal).ThenBy(p => p.LastName, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)
                    .Skip((page - 1) * count).Take(count)
                    .Select(p => Row(p, request.Columns, state))
                    .ToList();
                return Envelope.Ok(new { results = rows }, ticket);
            });
        });

        e.MapGet("/{region}/patients/{id}", (string region, string id, HttpContext context, AuthFlow flow, SimulatorState state) =>
            DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                Shared(viewer, id, region, state) is not { } patient
                    ? Envelope.CouldNotLoadPatient()
                    : Envelope.Ok(new
                    {
                        patient = Patient(patient, state.SharedPractices(viewer, patient, region), viewer, state),
                        unreadMessages = 0,
                        unresolvedNotifications = 0,
                    }, ticket)));

        e.MapGet("/{region}/patients/{id}/reportSettings", (string region, string id, HttpContext context, AuthFlow flow, SimulatorState state) =>
            DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                Shared(viewer, id, region, state) is { Data: not null } patient
                    ? Envelope.Ok(DataEndpoints.ReportSettings(patient, state), ticket)
                    : Envelope.CouldNotLoadPatient()));
    }

    internal static SimAccount? Shared(SimAccount viewer, string id, string region, SimulatorState state) =>
        viewer.IsPatient ? null
        : state.FindById(id) is { } patient && state.SharedPractices(viewer, patient, region).Count > 0 ? patient : null;

    // assumed: the row keys are the requested columns under the same names (§4.3)
    private static Dictionary<string, object?> Row(SimAccount p, IReadOnlyList<string> columns, SimulatorState state)
    {
        var row = new Dictionary<string, object?> { ["id"] = p.Id };
        foreach (var column in columns)
        {
            row[column] = column switch
            {
                "firstName" => p.FirstName,
                "lastName" => p.LastName,
                "email" => p.Email,
                "dob" => 396144000L,
                "lastAvailableData" => state.UploadedUntil(p).ToUnixTimeSeconds(),
                "avgGlucose" => 132,
                "sensorDailyScans" => 9,
                "percentGlucoseInTarget" => 71,
                "libreViewStatus" => "active", // assumed
                _ => null,
            };
        }
        return row;
    }

    private static object Patient(SimAccount p, IReadOnlyList<SimPractice> practices, SimAccount viewer, SimulatorState state) => new
    {
        id = p.Id,
        firstName = p.FirstName,
        lastName = p.LastName,
        email = p.Email,
        lvAccount = true,
        dob = 396144000L,
        lastReportViewTime = 0,
        practices = practices.ToDictionary(x => x.Id, x => (object)new
        {
            id = x.Id, practiceId = x.PracticeId, name = x.Name, admin = false, @private = false, careTeam = Array.Empty<object>(), notes = "",
            records = Array.Empty<object>(), invitedBy = new { id = viewer.Id, firstName = viewer.FirstName, lastName = viewer.LastName },
        }),
        timeOffsetMinutes = p.Data is { } d ? (int)d.Zone.GetUtcOffset(state.Now).TotalMinutes : 0,
        details = new { },
        created = p.Created.ToUnixTimeSeconds(),
        messages = new { unread = 0 },
        notifications = new { notifications_on = false, emailPreference = "", highThreshold = 250, lowThreshold = 70, targetRange = new { max = 180, min = 70 } },
        programs = (object?)null,
        highGlucoseThreshold = 250,
        lowGlucoseThreshold = 70,
        targetRangeHigh = 180,
        targetRangeLow = 70,
    };
}
