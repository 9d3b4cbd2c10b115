using System.Globalization;
using System.Text;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>GET /audit/export.csv?action=&amp;actor=&amp;client_user_id=</c>: the audit log's rows under the page's filters, as CSV,
/// streamed (console sign-in, admins).
/// </summary>
internal static class AuditExportEndpoints
{
    private static readonly string[] Header = ["at_utc", "actor", "role", "action", "team_id", "client_user_id", "client_ip", "details"];

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit/export.csv", ExportAsync).RequireAuthorization(ConsolePolicies.ManageOrganization).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The export's address for the audit page's current filter.</summary>
    public static string UrlFor(AuditFilter filter)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("action", filter.Action);
        Add("actor", filter.Actor);
        Add("client_user_id", filter.ClientUserId);
        return "/audit/export.csv" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private static async Task ExportAsync(HttpContext http, AuditLog log, StaffScopeResolver scopes, string? action, string? actor,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "client_user_id")] string? clientUserId)
    {
        var scope = await scopes.ForUserAsync(http.User, http.RequestAborted);
        var filter = new AuditFilter(action, actor, clientUserId);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', Header));
        await foreach (var e in log.AllAsync(scope, filter, http.RequestAborted))
        {
            await writer.WriteLineAsync(string.Join(',', new[]
            {
                e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.Actor, e.ActorRole, e.Action,
                e.TeamId?.ToString(), e.ClientUserId, e.ClientIp, e.Details,
            }.Select(PatientExportEndpoints.Csv)));
        }
    }
}
