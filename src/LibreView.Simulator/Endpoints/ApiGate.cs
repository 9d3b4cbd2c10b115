using LibreView.Regions;
using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// What stands in front of every LibreView API request (not <c>/_sim</c>): injected faults, the request rate limit,
/// and the <c>product</c>/<c>version</c> header rules.
/// </summary>
internal sealed class ApiGate(RequestDelegate next, SimulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var region = FirstSegment(context.Request.Path);
        if (!LibreRegions.IsKnown(region))
        {
            await next(context);
            return;
        }
        region = LibreRegions.Normalize(region!);
        state.CountApiRequest();
        var faults = state.Faults.Get(region);
        if (faults.LatencyMs > 0 && !await Delayed(faults.LatencyMs, context.RequestAborted)) return;

        if (state.Faults.TakeFailNext(region) || Chance(faults.ServerErrorShare))
        {
            await Plain(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable");
            return;
        }
        if (Chance(faults.TooManyRequestsShare))
        {
            await TooManyRequests(context, TimeSpan.FromSeconds(faults.RetryAfterSeconds));
            return;
        }
        var caller = context.Request.Headers[LibreHeaders.AccountId].ToString() is { Length: > 0 } id
            ? id
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (state.RateLimiter.Check($"{region}:{caller}", state.Settings.RequestsPerMinute, state.Now) is { } wait)
        {
            await TooManyRequests(context, wait);
            return;
        }
        if (HeaderRefusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        if (Chance(faults.TruncatedShare)) await Truncated(context);
        else await next(context);
    }

    private IResult? HeaderRefusal(HttpContext context)
    {
        var product = context.Request.Headers[LibreHeaders.Product].ToString();
        var version = context.Request.Headers[LibreHeaders.Version].ToString();
        if (product.Length == 0 || version.Length == 0) return Envelope.RequiredHeaderMissing();
        var minimum = state.Settings.MinimumVersion;
        var ok = Version.TryParse(version, out var v) && Version.TryParse(minimum, out var min) && v >= min;
        return ok ? null : Envelope.MinimumVersion(minimum);
    }

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

    private static Task TooManyRequests(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Plain(context, StatusCodes.Status429TooManyRequests, "Too Many Requests");
    }

    private static Task Plain(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
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
