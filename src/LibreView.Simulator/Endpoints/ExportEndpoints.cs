using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Generation;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// The CSV export (reference §3.7): <c>POST /export</c> (Pro: <c>POST /patients/{id}/export</c>) with a captcha answer
/// → the channel → the long-poll's <c>{"operation":"update","args":{"url":…}}</c> → the CSV, fetched with no
/// authorisation as from S3. The product does not use it (a captcha on every export); it is here because §9 lists it.
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/{region}/export", async (string region, HttpContext context, AuthFlow flow, SimulatorState state) =>
        {
            var request = await AuthEndpoints.ReadBody<ExportRequest>(context);
            return DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                viewer.IsPatient && viewer.Data is not null
                    ? Start(context, region, viewer, viewer, request, state, ticket)
                    : Envelope.CouldNotLoadPatient());
        });

        e.MapPost("/{region}/patients/{id}/export", async (string region, string id, HttpContext context, AuthFlow flow, SimulatorState state) =>
        {
            var request = await AuthEndpoints.ReadBody<ExportRequest>(context);
            return DataEndpoints.Authorized(context, region, flow, (viewer, ticket) =>
                ProEndpoints.Shared(viewer, id, region, state) is { Data: not null } patient
                    ? Start(context, region, viewer, patient, request, state, ticket)
                    : Envelope.CouldNotLoadPatient());
        });

        // assumed: the S3 pre-signed URL stands in as a path of this host, valid as long as a report URL (§10 Q8)
        e.MapGet("/{region}/export/{id}/{file}", (string region, string id, string file, SimulatorState state) =>
        {
            if (!state.Reports.TryGetValue(id, out var export) || !export.IsExport || export.Region != region
                || state.Now - export.CreatedAt > state.Settings.ReportUrlLifetime)
                return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                    "application/xml", statusCode: StatusCodes.Status403Forbidden);
            var patient = state.FindById(export.PatientId)!;
            return Results.Text(ExportCsv.Build(patient, state.UploadedUntil(patient), state.Now), "text/csv", Encoding.UTF8);
        });
    }

    public static string DownloadUrl(HttpContext context, string region, string id) =>
        $"{DataEndpoints.Base(context, region)}/export/{id}/glucose.csv?X-Amz-Expires=600&X-Amz-Signature={Ids.Random()}";

    private static IResult Start(HttpContext context, string region, SimAccount viewer, SimAccount patient, ExportRequest? request, SimulatorState state, WireTicket ticket)
    {
        var captcha = request?.CaptchaResponse is { Length: > 0 } || context.Request.Headers["captcha-token"].ToString().Length > 0;
        if (state.Settings.ExportCaptchaRequired && !captcha)
            return Envelope.Error(LibreStatus.NotAuthenticated, "captchaRequired"); // assumed: the answer without a captcha is not public
        if (!string.Equals(request?.Type, "glucose", StringComparison.Ordinal))
            return Envelope.Error(LibreStatus.StepOrError, "invalidExportType"); // assumed
        var id = Ids.Random();
        state.Reports[id] = new SimReport(viewer.Id, patient.Id, region, DateTime.MinValue, DateTime.MaxValue, state.Now, isExport: true);
        return Envelope.Ok(new { url = $"{DataEndpoints.Base(context, region)}/channel/{id}" }, ticket);
    }

    private sealed record ExportRequest(
        [property: JsonPropertyName("captchaResponse")] string? CaptchaResponse,
        [property: JsonPropertyName("type")] string? Type);
}

/// <summary>
/// The "Glucose Data" CSV of §3.7 in English: a title row, the 19-column header, then every uploaded record oldest
/// first, CRLF line ends, UTF-8. Record types 0 (historic), 1 (scan), 5 (food, grams) and 6 (note) as in the real
/// export; type 4 (insulin, units in the rapid or long column) is assumed. Times are the device's wall clock in the
/// account's format: <c>MM-DD-YYYY hh:mm AM</c> in the US, <c>DD-MM-YYYY HH:mm</c> elsewhere (assumed per region).
/// </summary>
internal static class ExportCsv
{
    private const int Columns = 19;

    public static string Build(SimAccount patient, DateTimeOffset uploadedUntil, DateTimeOffset now)
    {
        var data = patient.Data!;
        var unit = patient.UsesMmol ? "mmol/L" : "mg/dL";
        var format = patient.Region == "us" ? "MM-dd-yyyy hh:mm tt" : "dd-MM-yyyy HH:mm";
        var device = data.Sensor.HistoricInterval == TimeSpan.FromMinutes(5) ? "FreeStyle Libre 3" : "FreeStyle LibreLink";
        var csv = new StringBuilder();
        csv.Append("Glucose Data,Generated on,").Append(now.UtcDateTime.ToString(format, CultureInfo.InvariantCulture))
            .Append(" UTC,Generated by,").Append(Field($"{patient.FirstName} {patient.LastName}".Trim())).Append("\r\n");
        csv.Append("Device,Serial Number,Device Timestamp,Record Type,Historic Glucose ").Append(unit).Append(",Scan Glucose ").Append(unit)
            .Append(",Non-numeric Rapid-Acting Insulin,Rapid-Acting Insulin (units),Non-numeric Food,Carbohydrates (grams),Carbohydrates (servings),")
            .Append("Non-numeric Long-Acting Insulin,Long-Acting Insulin (units),Notes,Strip Glucose ").Append(unit)
            .Append(",Ketone mmol/L,Meal Insulin (units),Correction Insulin (units),User Change Insulin (units)\r\n");

        var rows = new List<(DateTimeOffset Utc, int Order, DateTime Local, int Type, int Column, string Value)>();
        if (data.DataStart < uploadedUntil)
        {
            rows.AddRange(data.Historic(data.DataStart, uploadedUntil).Select(r => (r.Utc, 0, r.Local, 0, 4, Glucose(r, patient))));
            rows.AddRange(data.Scans(data.DataStart, uploadedUntil).Select(r => (r.Utc, 1, r.Local, 1, 5, Glucose(r, patient))));
            rows.AddRange(data.Notes(data.DataStart, uploadedUntil).Select(n => n.Kind switch
            {
                GeneratedNoteKind.Food => (n.Utc, 2, n.Local, 5, 9, Number(n.Carbs ?? 0)),
                GeneratedNoteKind.RapidInsulin => (n.Utc, 2, n.Local, 4, 7, Number(n.Units ?? 0)),
                GeneratedNoteKind.LongInsulin => (n.Utc, 2, n.Local, 4, 12, Number(n.Units ?? 0)),
                _ => (n.Utc, 2, n.Local, 6, 13, n.Text ?? ""),
            }));
        }
        var fields = new string[Columns];
        foreach (var row in rows.OrderBy(r => r.Utc).ThenBy(r => r.Order))
        {
            Array.Fill(fields, "");
            fields[0] = device;
            fields[1] = data.SessionAt(row.Utc).SerialNumber;
            fields[2] = row.Local.ToString(format, CultureInfo.InvariantCulture);
            fields[3] = row.Type.ToString(CultureInfo.InvariantCulture);
            fields[row.Column] = Field(row.Value);
            csv.AppendJoin(',', fields).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Glucose(GeneratedReading r, SimAccount patient) =>
        patient.UsesMmol
            ? Math.Round(r.MgPerDl / ReportFactory.MgPerMmol, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture)
            : r.MgPerDl.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
