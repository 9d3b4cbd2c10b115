using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>RateLimits</c>: requests each caller may make to the API per <see cref="Window"/>. A caller is a live team API key,
/// a live organisation management key, an existing link token, or — for every other call, unknown keys included —
/// the source address, so guessing keys or tokens is limited by where the guesses come from.
/// </summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per team API key, and per organisation management key.</summary>
    public int PerApiKey { get; set; } = 3000;

    /// <summary>Per link token (a patient linking needs a handful of calls).</summary>
    public int PerLinkToken { get; set; } = 60;

    /// <summary>Per source address, for calls without a live key or token.</summary>
    public int PerAddress { get; set; } = 600;
}

/// <summary>
/// ASP.NET Core rate limiting on the API paths (<see cref="ApiErrorMiddleware.IsApiPath"/>): one fixed window per
/// caller (<see cref="ApiRateLimitOptions"/>); a refused call is a 429 with <c>Retry-After</c> in Junction's envelope.
/// </summary>
internal static class ApiRateLimits
{
    public const string ErrorType = "TOO_MANY_REQUESTS";
    private const string CallerItem = "api-rate-limit-caller";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(ApiRateLimitOptions.Section).Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Items[CallerItem] is (string caller, int permits)
                    ? RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = limits.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Error(StatusCodes.Status429TooManyRequests, ErrorType,
                    $"Too many requests from this caller; try again in {seconds} s.").ExecuteAsync(http);
            };
        });
        services.AddSingleton(limits);
        return services;
    }

    /// <summary>Names the caller of every API call (a store look-up for a presented key or token), then applies its limit.</summary>
    public static WebApplication UseApiRateLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<ApiRateLimitOptions>();
        if (!limits.Enabled) return app;
        app.Use(async (http, next) =>
        {
            if (ApiErrorMiddleware.IsApiPath(http.Request.Path))
            {
                http.Items[CallerItem] = await CallerAsync(http, limits);
            }
            await next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    private static async Task<(string Caller, int Permits)> CallerAsync(HttpContext http, ApiRateLimitOptions limits)
    {
        var headers = http.Request.Headers;
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var apiKey = headers[ApiTeamFilter.HeaderName].ToString();
        if (apiKey.Length > 0 && await services.GetRequiredService<ApiKeyLookup>().FindTeamAsync(apiKey, ct) is { } team)
        {
            http.Items[ApiTeamFilter.ItemKey] = team; // the endpoint's filter needs no second look-up
            return ("api-key:" + SecretHash.Of(apiKey.Trim()), limits.PerApiKey);
        }
        var managementKey = headers[OrgManagementEndpoints.HeaderName].ToString();
        if (managementKey.Length > 0 && await services.GetRequiredService<ManagementKeys>().FindOrganizationAsync(managementKey, ct) is not null)
        {
            return ("management-key:" + SecretHash.Of(managementKey.Trim()), limits.PerApiKey);
        }
        var linkToken = headers[LinkHeaders.LinkToken].ToString().Trim();
        if (linkToken.Length is > 0 and <= 200)
        {
            var hash = SecretHash.Of(linkToken);
            await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
            if (await db.LinkTokens.AnyAsync(t => t.TokenHash == hash, ct))
            {
                return ("link-token:" + hash, limits.PerLinkToken);
            }
        }
        return ("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.PerAddress);
    }
}
