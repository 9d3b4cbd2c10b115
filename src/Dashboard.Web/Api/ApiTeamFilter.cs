using Dashboard.Core.ApiKeys;
using Dashboard.Core.Teams;

namespace Dashboard.Web.Api;

/// <summary>
/// Authenticates API callers by their team's <c>x-vital-api-key</c>; the team is then available to the
/// handler through <see cref="ApiTeamExtensions.ApiTeam"/>. A missing or unknown key is a 401 ProblemDetails.
/// </summary>
internal sealed class ApiTeamFilter(ApiKeyLookup keys) : IEndpointFilter
{
    public const string HeaderName = "x-vital-api-key";
    /// <summary>Where the team is kept for the request (the rate limiter, which looks the key up first, leaves it here too).</summary>
    internal const string ItemKey = "api-team";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var team = http.Items[ItemKey] as Team ?? await keys.FindTeamAsync(http.Request.Headers[HeaderName].ToString(), http.RequestAborted);
        if (team is null)
        {
            return ApiProblems.Unauthorized($"Send a valid team API key in the {HeaderName} header.");
        }
        http.Items[ItemKey] = team;
        return await next(context);
    }

    internal static Team TeamOf(HttpContext http) =>
        http.Items[ItemKey] as Team ?? throw new InvalidOperationException("The endpoint is not behind ApiTeamFilter.");
}

internal static class ApiTeamExtensions
{
    public static Team ApiTeam(this HttpContext http) => ApiTeamFilter.TeamOf(http);
}
