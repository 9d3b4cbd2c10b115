using LibreView.Regions;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Control;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// What stands in front of every LibreView API request (not <c>/_sim</c>), after routing: the request count per
/// endpoint, injected faults and blocks (§6), throttling per source address and per account, and the strict header mode.
/// </summary>
internal sealed class ApiGate(RequestDelegate next, SimulatorState state)
{
    /// <summary>Marks the catch-all route: a path the reference does not list.</summary>
    public sealed record UnlistedPath;

    public async Task InvokeAsync(HttpContext context)
    {
        var region = FirstSegment(context.Request.Path);
        if (region == "_sim")
        {
            await next(context);
            return;
        }
        state.CountApiRequest();
        var endpoint = context.GetEndpoint();
        if (!LibreViewApiRegions.IsKnown(region) || endpoint?.Metadata.GetMetadata<UnlistedPath>() is not null || endpoint is not RouteEndpoint route)
        {
            state.Requests.CountUnlisted();
            await Plain(context, StatusCodes.Status404NotFound, "text/plain", "Not Found");
            return;
        }
        region = LibreViewApiRegions.Normalize(region!);
        state.Requests.Count($"{context.Request.Method} {route.RoutePattern.RawText?[(route.RoutePattern.RawText.IndexOf('/', 1))..]}");

        var faults = state.Faults.Get(region);
        if (faults.LatencyMs > 0 && !await Delayed(faults.LatencyMs, context.RequestAborted)) return;
        if (state.Faults.TakeFailNext(region) || Chance(faults.ServerErrorShare))
        {
            await Plain(context, StatusCodes.Status503ServiceUnavailable, "text/plain", "Service Unavailable");
            return;
        }
        var authenticated = AuthFlow.BearerOf(context) is not null || context.Request.Query.ContainsKey("session");
        if (state.Faults.TakeBlock(region, authenticated) is { } block)
        {
            await BlockAsync(context, block, region);
            return;
        }
        if (Throttled(context, region) is { } throttle)
        {
            await BlockAsync(context, throttle, region);
            return;
        }
        if (state.Settings.StrictHeaders && MissingHeader(context, route))
        {
            await Envelope.RequiredHeaderMissing().ExecuteAsync(context);
            return;
        }

        if (Chance(faults.TruncatedShare)) await Truncated(context);
        else await next(context);
    }

    /// <summary>Per source address: Cloudflare's 1015 page; per account (its <c>account-id</c>): a plain 429, not Cloudflare's (§6, §9).</summary>
    private string? Throttled(HttpContext context, string region)
    {
        var now = state.Now;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (state.RateLimiter.Check($"ip:{address}", state.Settings.RequestsPerMinutePerAddress, now) is not null) return Blocks.Cloudflare1015;
        var account = context.Request.Headers[LibreHeaders.AccountId].ToString();
        if (account.Length > 0 && state.RateLimiter.Check($"account:{region}:{account}", state.Settings.RequestsPerMinutePerAccount, now) is not null)
            return Blocks.Http429;
        return null;
    }

    /// <summary>Strict mode (assumed, §10 Q12): web calls need <c>product: lv</c> and a web version; signed-in calls also <c>account-id</c>.</summary>
    private static bool MissingHeader(HttpContext context, RouteEndpoint route)
    {
        var headers = context.Request.Headers;
        if (headers[LibreHeaders.Product].ToString() != "lv" || headers[LibreHeaders.WebVersion].ToString().Length == 0) return true;
        var signedIn = AuthFlow.BearerOf(context) is not null && route.RoutePattern.RawText?.Contains("/auth/", StringComparison.Ordinal) != true;
        return signedIn && headers[LibreHeaders.AccountId].ToString().Length == 0;
    }

    private static Task BlockAsync(HttpContext context, string block, string region) => block switch
    {
        Blocks.Cloudflare403 => Plain(context, StatusCodes.Status403Forbidden, "text/html", CloudflarePages.AttentionRequired(region)),
        Blocks.Cloudflare429 => Plain(context, StatusCodes.Status429TooManyRequests, "text/html", CloudflarePages.TooManyRequests()),
        Blocks.Cloudflare1015 => Plain(context, StatusCodes.Status429TooManyRequests, "text/html", CloudflarePages.RateLimited(region)),
        Blocks.Http429 => Plain(context, StatusCodes.Status429TooManyRequests, "text/plain", "Too Many Requests"), // assumed body
        Blocks.Http430 => Plain(context, 430, "text/plain", ""),
        Blocks.Status911 => Envelope.Maintenance().ExecuteAsync(context),
        Blocks.ProductMismatch => Envelope.ProductMismatch().ExecuteAsync(context),
        Blocks.RequiredHeaderMissing => Envelope.RequiredHeaderMissing().ExecuteAsync(context),
        _ => Envelope.ExpiredJwt().ExecuteAsync(context),
    };

    /// <summary>Runs the endpoint into a buffer and sends only the first half of its body.</summary>
    private async Task Truncated(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        var half = bytes.Length / 2;
        context.Response.ContentLength = half;
        await original.WriteAsync(bytes.AsMemory(0, half), context.RequestAborted);
    }

    private static Task Plain(HttpContext context, int status, string contentType, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <returns>False when the caller gave up while waiting.</returns>
    private static async Task<bool> Delayed(int milliseconds, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(milliseconds, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool Chance(double share) => share > 0 && Random.Shared.NextDouble() < share;

    private static string? FirstSegment(PathString path) =>
        path.Value?.TrimStart('/').Split('/', 2)[0] is { Length: > 0 } s ? s : null;
}

/// <summary>The HTML pages Cloudflare answers with when it blocks a client (§6; the 1015 page after the synthetic example).</summary>
internal static class CloudflarePages
{
    public static string AttentionRequired(string region) =>
        $"<!DOCTYPE html><html lang=\"en-US\"><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1><p>You are unable to access api-{region}.libreview.io</p></body></html>";

    public static string RateLimited(string region) =>
        $"<!DOCTYPE html><html lang=\"en-US\"><head><title>Access denied | api-{region}.libreview.io used Cloudflare to restrict access</title></head><body><div id=\"cf-error-details\"><h1>Error 1015</h1><h2>You are being rate limited</h2><p>The owner of this website (api-{region}.libreview.io) has banned you temporarily from accessing this website.</p></div></body></html>";

    public static string TooManyRequests() =>
        "<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>cloudflare</center></body></html>";
}
