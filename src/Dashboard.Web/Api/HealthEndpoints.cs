using Dashboard.Core.Storage;

namespace Dashboard.Web.Api;

internal static class HealthEndpoints
{
    /// <summary>
    /// <c>GET /health</c>: anonymous; 200 when the store answers, 503 when it does not. Names the store engine and,
    /// for a database server, its version, so a load balancer's check also shows what each instance runs on.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (DashboardDbContext db, StoreEngine engine, CancellationToken ct) =>
        {
            var (reachable, serverVersion) = await ProbeAsync(db, engine, ct);
            return Results.Json(
                new
                {
                    status = reachable ? "healthy" : "unhealthy",
                    store = reachable ? "reachable" : "unreachable",
                    engine = engine.Name,
                    serverVersion,
                },
                statusCode: reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithName("Health");
        return endpoints;
    }

    private static async Task<(bool Reachable, string? ServerVersion)> ProbeAsync(DashboardDbContext db, StoreEngine engine, CancellationToken ct)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct) ? (true, await engine.ServerVersionAsync(db, ct)) : (false, null);
        }
        catch (Exception)
        {
            return (false, null);
        }
    }
}
