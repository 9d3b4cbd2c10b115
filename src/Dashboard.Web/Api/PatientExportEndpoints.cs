using System.Globalization;
using System.Text;
using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Patients;
using Dashboard.Web.Components.Pages.Patients;

namespace Dashboard.Web.Api;

/// <summary><c>GET /patients/export.csv</c>: the filtered patient list as CSV, streamed (console sign-in, support or admin).</summary>
internal static class PatientExportEndpoints
{
    private static readonly string[] Header =
        ["client_user_id", "display_name", "team", "provider", "status", "error_type", "region", "practice_id", "external_user_id", "created_utc",
         "last_reading_device_time", "last_sync_utc", "time_in_range_14d_percent", "active_14d_percent", "history_days_done", "history_days_asked"];

    public static IEndpointRouteBuilder MapPatientExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/patients/export.csv", ExportAsync).RequireAuthorization(ConsolePolicies.ExportPatients);
        return endpoints;
    }

    private static async Task ExportAsync(
        HttpContext http, PatientListExport export, StaffScopeResolver scopes,
        string? status, string? error, string? provider, string? team, string? region, string? q, string? tag)
    {
        var scope = await scopes.ForUserAsync(http.User, http.RequestAborted);
        var filter = PatientListUrl.Parse(status, error, provider, team, region, q, tag);
        var rows = await export.StartAsync(scope, StaffIdentity.ActorOf(http.User, http.Connection.RemoteIpAddress?.ToString()), filter,
            http.Request.QueryString.Value, http.RequestAborted);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"patients-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', Header));
        await foreach (var row in rows)
        {
            await writer.WriteLineAsync(string.Join(',', new[]
            {
                row.ClientUserId, row.DisplayName, row.TeamName, row.Provider, ConnectionHealthRules.Slug(row.Health), row.ErrorType, row.Region,
                row.PracticeId, row.ExternalUserId, row.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                row.LastReadingAt?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                row.LastSyncAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                row.TimeInRange14dPercent?.ToString("0.0", CultureInfo.InvariantCulture),
                row.Active14dPercent?.ToString("0.0", CultureInfo.InvariantCulture),
                row.Pull?.DaysDone.ToString(CultureInfo.InvariantCulture), row.Pull?.DaysAsked.ToString(CultureInfo.InvariantCulture),
            }.Select(Csv)));
        }
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.</summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
