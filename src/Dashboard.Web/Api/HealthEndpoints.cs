using Dashboard.Core.Storage;

namespace Dashboard.Web.Api;

internal static class HealthEndpoints
{
    /// <summary><c>GET /health</c>: anonymous; 200 when the store answers, 503 when it does not.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (DashboardDbContext db, CancellationToken ct) =>
        {
            var reachable = await StoreIsReachable(db, ct);
            return Results.Json(
                new { status = reachable ? "healthy" : "unhealthy", store = reachable ? "reachable" : "unreachable" },
                statusCode: reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithName("Health");
        return endpoints;
    }

    private static async Task<bool> StoreIsReachable(DashboardDbContext db, CancellationToken ct)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct);
        }
        catch (Exception)
        {
            return false;
        }
    }
}
