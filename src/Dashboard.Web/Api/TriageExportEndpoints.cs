using System.Globalization;
using System.Text;
using Dashboard.Core.Access;
using Dashboard.Core.Triage;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Web.Api;

/// <summary><c>GET /triage/export.csv?days=…&amp;flags=…&amp;tag=…&amp;sort=…</c>: the triage view as CSV, in its order (any console role, scoped).</summary>
internal static class TriageExportEndpoints
{
    private static readonly string[] Header =
        ["client_user_id", "display_name", "team", "days", "time_very_low_percent", "time_low_percent", "time_in_range_percent", "time_high_percent",
         "time_very_high_percent", "gmi_percent", "cv_percent", "active_percent", "gri", "gri_zone", "time_in_range_change_points",
         "last_reading_device_time", "connection", "error_type", "flags"];

    public static IEndpointRouteBuilder MapTriageExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/triage/export.csv", ExportAsync).RequireAuthorization(ConsolePolicies.ReviewGlucose);
        return endpoints;
    }

    private static async Task ExportAsync(HttpContext http, TriageQuery query, StaffScopeResolver scopes, string? days, string? flags, string? sort, string? tag)
    {
        var scope = await scopes.ForUserAsync(http.User, http.RequestAborted);
        var filter = TriageFilter.Parse(days, flags, sort, tag);
        var rows = await query.ExportAsync(scope, filter, http.RequestAborted);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"triage-{filter.Days}d-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', Header));
        static string? N(double? v) => v?.ToString("0.0", CultureInfo.InvariantCulture);
        foreach (var row in rows)
        {
            var m = row.Metrics;
            await writer.WriteLineAsync(string.Join(',', new[]
            {
                row.ClientUserId, row.DisplayName, row.TeamName, filter.Days.ToString(CultureInfo.InvariantCulture), N(m.TimeVeryLowPercent), N(m.TimeLowPercent),
                N(m.TimeInRangePercent), N(m.TimeHighPercent), N(m.TimeVeryHighPercent), N(m.GmiPercent), N(m.CvPercent), N(m.ActivePercent),
                N(m.Gri), m.GriZone?.ToString(), N(row.Figures.InRangeChange),
                row.Figures.LastReading?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                Dashboard.Core.Connections.ConnectionHealthRules.Slug(row.Figures.Health), row.Figures.ErrorType,
                string.Join(' ', row.Flags.Order().Select(TriageWords.Of)),
            }.Select(PatientExportEndpoints.Csv)));
        }
    }
}
