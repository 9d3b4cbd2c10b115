using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api;

internal static class HealthEndpoints
{
    /// <summary>
    /// <c>GET /health</c>: anonymous; 200 when the store answers and passed its integrity check (<see cref="StoreIntegrity"/>)
    /// and took a write (<see cref="StoreWritability"/>),
    /// 503 otherwise. Names the store engine and,
    /// for a database server, its version, so a load balancer's check also shows what each instance runs on.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IDbContextFactory<DashboardDbContext> contexts, StoreEngine engine, StoreIntegrity integrity, StoreWritability writability, ILoggerFactory logs, CancellationToken ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var (reachable, serverVersion) = await ProbeAsync(db, engine, logs.CreateLogger(typeof(HealthEndpoints)), ct);
            var sound = !reachable || (await integrity.CurrentAsync(ct)).Sound;
            var writable = reachable && await writability.ProbeAsync(ct);
            var healthy = reachable && sound && writable;
            return Results.Json(
                new
                {
                    status = healthy ? "healthy" : "unhealthy",
                    store = reachable ? "reachable" : "unreachable",
                    integrity = sound ? "ok" : "damaged",
                    writes = writable ? "ok" : "refused",
                    engine = engine.Name,
                    serverVersion,
                },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithName("Health");
        return endpoints;
    }

    private static async Task<(bool Reachable, string? ServerVersion)> ProbeAsync(DashboardDbContext db, StoreEngine engine, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct) ? (true, await engine.ServerVersionAsync(db, ct)) : (false, null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "The health check could not reach the store");
            return (false, null);
        }
    }
}
