using Dashboard.Core.Storage;

namespace Dashboard.Web.Api;

internal static class HealthEndpoints
{
    /// <summary><c>GET /health</c>: anonymous; 200 when the store answers and passed its integrity check, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (DashboardDbContext db, StoreIntegrity integrity, CancellationToken ct) =>
        {
            var reachable = await StoreIsReachable(db, ct);
            var sound = !reachable || (await integrity.CurrentAsync(ct)).Sound;
            var healthy = reachable && sound;
            return Results.Json(
                new { status = healthy ? "healthy" : "unhealthy", store = reachable ? "reachable" : "unreachable", integrity = sound ? "ok" : "damaged" },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
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
