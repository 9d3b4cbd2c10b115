using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Reports;
using Dashboard.Core.Glucose.Review;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>GET /patients/{id}/review/agp-report.pdf?days=14</c> (or <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>, and
/// <c>&amp;unit=mmol/L</c>): the review's AGP report as a PDF download. The review page's authorization (any console
/// role), its scope rule (another team's patient is a 404) and its audit line (a view of the patient's glucose).
/// </summary>
internal static class AgpReportEndpoints
{
    public const string PathTemplate = "/patients/{userId:guid}/review/agp-report.pdf";

    public static string PathOf(Guid userId, ReviewPeriod period, GlucoseUnit unit)
    {
        var when = period.IsCustom ? $"from={period.Start:yyyy-MM-dd}&to={period.End:yyyy-MM-dd}" : $"days={period.Days}";
        return $"/patients/{userId}/review/agp-report.pdf?{when}&unit={Uri.EscapeDataString(GlucoseUnits.Symbol(unit))}";
    }

    public static IEndpointRouteBuilder MapAgpReport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathTemplate, GetAsync).RequireAuthorization(ConsolePolicies.ReviewGlucose);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, Guid userId, AgpReportQuery reports, StaffScopeResolver scopes,
        string? days, string? from, string? to, string? unit)
    {
        var (period, error) = ReviewPeriod.Parse(days, from, to);
        if (error is not null) return Results.Text($"Bad period: {error}.", statusCode: StatusCodes.Status400BadRequest);
        var glucoseUnit = string.IsNullOrWhiteSpace(unit) ? GlucoseUnit.MgPerDl : GlucoseUnits.TryParse(unit);
        if (glucoseUnit is null) return Results.Text("Bad unit: use mg/dL or mmol/L.", statusCode: StatusCodes.Status400BadRequest);

        var scope = await scopes.ForUserAsync(http.User, http.RequestAborted);
        var actor = StaffIdentity.ActorOf(http.User, http.Connection.RemoteIpAddress?.ToString());
        if (await reports.DownloadAsync(userId, scope, period, glucoseUnit.Value, actor, http.RequestAborted) is not { } report) return Results.NotFound();
        return Results.File(report.Pdf, "application/pdf", report.FileName);
    }
}
