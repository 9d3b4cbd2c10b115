using System.Text;
using Dashboard.Core.Connections;
using Dashboard.Core.Introspection;
using Dashboard.Core.Sync;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>UserRefreshSuccessResponse</c>.</summary>
internal sealed record RefreshResponse(bool Success, Guid UserId, IReadOnlyList<string> RefreshedSources, IReadOnlyList<string> InProgressSources, IReadOnlyList<string> FailedSources);

/// <summary>Junction's <c>UserRefreshErrorResponse</c>.</summary>
internal sealed record RefreshErrorResponse(bool Success, Guid UserId, string Error, IReadOnlyList<string> FailedSources);

internal sealed record PullTimeline(string ScheduledAt, string? StartedAt, string? EndedAt);

internal sealed record PullStatusChange(string Status, string At, string? ErrorType);

/// <summary>
/// Junction's <c>SingleHistoricalPullStatistics</c>; <c>days_asked</c>, <c>days_done</c>, <c>checkpoint</c>,
/// <c>error_message</c> and <c>status_changes</c> are ours, the progress of a running pull.
/// </summary>
internal sealed record PullStatistics(
    string Status, string RangeStart, string RangeEnd, PullTimeline Timeline, int DaysWithData, string Release, string? TraceId,
    string? ErrorDetails, string? ErrorMessage, int DaysAsked, int DaysDone, string Checkpoint, IReadOnlyList<PullStatusChange> StatusChanges);

internal sealed record ProviderPulls(IReadOnlyDictionary<string, PullStatistics> Pulled, IReadOnlyList<string> NotPulled);

internal sealed record UserPulls(Guid UserId, IReadOnlyDictionary<string, ProviderPulls> Provider);

/// <summary>Junction's <c>UserHistoricalPullsResponse</c>.</summary>
internal sealed record HistoricalPullsResponse(IReadOnlyList<UserPulls> Data, string? Next, string? NextCursor);

internal sealed record LastAttempt(string Timestamp, string Status);

internal sealed record ResourceStatisticsResponse(LastAttempt? LastAttempt, string? OldestData, string? NewestData, int? SentCount);

internal sealed record UserResources(Guid UserId, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ResourceStatisticsResponse>> Provider);

/// <summary>Junction's <c>UserResourcesResponse</c>.</summary>
internal sealed record UserResourcesResponse(IReadOnlyList<UserResources> Data, string? Next, string? NextCursor);

/// <summary><c>POST /v2/user/refresh/{user_id}</c>, <c>GET /v2/introspect/historical_pull</c> and <c>/resources</c>.</summary>
internal static class SyncEndpoints
{
    /// <summary>The <c>release</c> Junction writes on pull statistics: which build ran the pull.</summary>
    private static readonly string Release = typeof(SyncEndpoints).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private static readonly HashSet<string> JunctionPullErrors =
    [
        "provider_rate_limit_exceeded", "provider_unavailable", "transport_failure", "resource_contention",
        "non_retriable_error", "unexpected_error", "retry_quota_exhausted",
    ];

    public static RouteGroupBuilder MapSyncEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/user/refresh/{user_id}", RefreshAsync).WithName("RefreshUser")
            .Produces<RefreshResponse>().Produces<RefreshErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapGet("/v2/introspect/historical_pull", IntrospectPullsAsync).WithName("IntrospectHistoricalPull")
            .Produces<HistoricalPullsResponse>().Produces<HttpValidationError>(422);
        api.MapGet("/v2/introspect/resources", IntrospectResourcesAsync).WithName("IntrospectResources")
            .Produces<UserResourcesResponse>().Produces<HttpValidationError>(422);
        return api;
    }

    private static async Task<IResult> RefreshAsync([FromRoute(Name = "user_id")] Guid userId, HttpContext http, SyncRefresh refresh, CancellationToken ct)
    {
        if (await refresh.RefreshAsync(http.ApiTeam().Id, userId, ct) is not { } outcome)
        {
            return UserEndpoints.NoSuchUser();
        }
        var failed = Sources(outcome.Failed);
        if (outcome.Refreshed.Count + outcome.InProgress.Count == 0)
        {
            var error = outcome.Failed.Count == 0 ? "user has no connected sources" : "no source of the user can be refreshed: every connection is in error";
            return Results.Json(new RefreshErrorResponse(false, userId, error, failed), statusCode: StatusCodes.Status400BadRequest);
        }
        return Results.Ok(new RefreshResponse(true, userId, Sources(outcome.Refreshed), Sources(outcome.InProgress), failed));
    }

    /// <summary>Junction names refreshed sources <c>provider/resource</c>; one sync fetches every resource of a provider.</summary>
    private static List<string> Sources(IEnumerable<string> providers) =>
        providers.SelectMany(p => ProviderCatalog.Resources.Select(r => $"{p}/{r}")).ToList();

    private static async Task<IResult> IntrospectPullsAsync(
        [FromQuery(Name = "user_id")] Guid? userId, string? provider, [FromQuery(Name = "user_limit")] int? userLimit,
        [FromQuery(Name = "next_cursor")] string? nextCursor, string? cursor, HttpContext http, PullIntrospection pulls, CancellationToken ct)
    {
        if (QueryProblem(provider, userLimit, nextCursor ?? cursor, out var skip) is { } problem) return problem;
        var reports = await pulls.ForTeamAsync(http.ApiTeam().Id, userId, provider, ct);
        var users = reports.GroupBy(r => r.UserId).ToList();
        var (page, next) = Page(users, skip, userLimit ?? DefaultUserLimit);
        return Results.Ok(new HistoricalPullsResponse(page.Select(user => new UserPulls(user.Key,
            user.ToDictionary(r => r.Provider, r => new ProviderPulls(Statistics(r.Pull), [])))).ToList(), next, next));
    }

    private static async Task<IResult> IntrospectResourcesAsync(
        [FromQuery(Name = "user_id")] Guid? userId, string? provider, [FromQuery(Name = "user_limit")] int? userLimit,
        [FromQuery(Name = "next_cursor")] string? nextCursor, string? cursor, HttpContext http, ResourceIntrospection resources, CancellationToken ct)
    {
        if (QueryProblem(provider, userLimit, nextCursor ?? cursor, out var skip) is { } problem) return problem;
        var connections = await resources.ForTeamAsync(http.ApiTeam().Id, userId, provider, ct);
        var (page, next) = Page(connections.GroupBy(c => c.UserId).ToList(), skip, userLimit ?? DefaultUserLimit);
        return Results.Ok(new UserResourcesResponse(page.Select(user => new UserResources(user.Key,
            user.ToDictionary(c => c.Provider, c => (IReadOnlyDictionary<string, ResourceStatisticsResponse>)c.Resources.ToDictionary(
                r => r.Key,
                r => new ResourceStatisticsResponse(
                    c.LastAttemptAt is { } at ? new LastAttempt(ApiTime.Utc(at), c.LastAttemptSucceeded == false ? "failure" : "success") : null,
                    r.Value.Oldest is { } oldest ? ApiTime.Floating(oldest) : null,
                    r.Value.Newest is { } newest ? ApiTime.Floating(newest) : null,
                    r.Value.Count))))).ToList(), next, next));
    }

    private const int DefaultUserLimit = 50;

    private static IResult? QueryProblem(string? provider, int? userLimit, string? cursor, out int skip)
    {
        skip = 0;
        if (provider is not null && JunctionEnums.ProviderProblem(provider, JunctionEnums.Providers, Providers.All, "query", "provider") is { } problem) return problem;
        if (userLimit is < 1) return ApiProblems.Invalid("Input should be greater than 0", "greater_than", "query", "user_limit");
        if (cursor is not null && !TryReadCursor(cursor, out skip)) return ApiProblems.Invalid("Not a cursor this API issued.", "value_error", "query", "next_cursor");
        return null;
    }

    /// <summary>One page of users and the cursor of the next, null on the last page.</summary>
    private static (IEnumerable<T> Page, string? Next) Page<T>(IReadOnlyList<T> users, int skip, int limit) =>
        (users.Skip(skip).Take(limit), skip + limit < users.Count ? WriteCursor(skip + limit) : null);

    /// <summary>An opaque cursor: how many users the next page skips.</summary>
    internal static string WriteCursor(int skip) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"users:{skip}"));

    internal static bool TryReadCursor(string cursor, out int skip)
    {
        skip = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("users:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(6), out skip) && skip >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>One pull fetches every resource of a day at once, so the resources share status and range; days with data differ.</summary>
    private static Dictionary<string, PullStatistics> Statistics(HistoricalPull pull)
    {
        var changes = pull.Timeline.Select(t => new PullStatusChange(t.Status, ApiTime.Utc(t.At), t.ErrorType)).ToList();
        var timeline = new PullTimeline(ApiTime.Utc(pull.ScheduledAt), Maybe(pull.StartedAt), Maybe(pull.EndedAt));
        string? errorDetails = pull.ErrorType is { } type ? (JunctionPullErrors.Contains(type) ? type : "non_retriable_error") : null;
        PullStatistics For(int daysWithData) => new(pull.Status, ApiTime.Utc(pull.RangeStart), ApiTime.Utc(pull.RangeEnd), timeline, daysWithData,
            Release, null, errorDetails, pull.ErrorMessage, pull.DaysAsked, pull.DaysDone, ApiTime.Utc(pull.Checkpoint), changes);
        return new Dictionary<string, PullStatistics>
        {
            ["glucose"] = For(pull.GlucoseDaysWithData),
            ["note"] = For(pull.NoteDaysWithData),
            ["carbohydrates"] = For(pull.CarbohydratesDaysWithData),
            ["insulin_injection"] = For(pull.InsulinDaysWithData),
        };
    }

    private static string? Maybe(DateTime? utc) => utc is { } t ? ApiTime.Utc(t) : null;
}
