using Dashboard.Core.Connections;
using Dashboard.Core.Sync;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api;

internal sealed record RefreshResponse(bool Success, Guid UserId, IReadOnlyList<string> Refreshed, IReadOnlyList<string> InProgress, IReadOnlyList<string> Failed);

internal sealed record PullTimelineItem(string Status, string At, string? ErrorType);

internal sealed record PullErrorDetails(string ErrorType, string? ErrorMessage);

/// <summary>Junction's <c>SingleHistoricalPullStatistics</c>, with the progress of a running pull.</summary>
internal sealed record PullStatistics(
    string Status, string RangeStart, string RangeEnd, int DaysAsked, int DaysDone, int DaysWithData, string Checkpoint,
    string ScheduledAt, string? StartedAt, string? EndedAt, IReadOnlyList<PullTimelineItem> Timeline, PullErrorDetails? ErrorDetails);

internal sealed record UserPulls(Guid UserId, string ClientUserId, string Provider, string ConnectionStatus, IReadOnlyDictionary<string, PullStatistics> HistoricalPull);

internal sealed record IntrospectResponse(IReadOnlyList<UserPulls> Data, string? NextCursor);

/// <summary><c>POST /v2/user/refresh/{user_id}</c> and <c>GET /v2/introspect/historical_pull</c>.</summary>
internal static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/user/refresh/{userId:guid}", RefreshAsync).WithName("RefreshUser");
        api.MapGet("/v2/introspect/historical_pull", IntrospectAsync).WithName("IntrospectHistoricalPull");
        return api;
    }

    private static async Task<IResult> RefreshAsync(Guid userId, HttpContext http, SyncRefresh refresh, CancellationToken ct) =>
        await refresh.RefreshAsync(http.ApiTeam().Id, userId, ct) is { } outcome
            ? Results.Ok(new RefreshResponse(outcome.Failed.Count == 0, userId, outcome.Refreshed, outcome.InProgress, outcome.Failed))
            : ApiProblems.NotFound("No such user in this team.");

    private static async Task<IResult> IntrospectAsync([FromQuery(Name = "user_id")] string? userId, string? provider, HttpContext http, PullIntrospection pulls, CancellationToken ct)
    {
        Guid? user = null;
        if (userId is not null)
        {
            if (!Guid.TryParse(userId, out var parsed)) return ApiProblems.BadRequest("user_id must be a user id (UUID).");
            user = parsed;
        }
        if (provider is not null && !Providers.All.Contains(provider))
        {
            return ApiProblems.BadRequest($"Unknown provider '{provider}'. Use one of: {string.Join(", ", Providers.All)}.");
        }
        var reports = await pulls.ForTeamAsync(http.ApiTeam().Id, user, provider, ct);
        return Results.Ok(new IntrospectResponse(reports.Select(r => new UserPulls(r.UserId, r.ClientUserId, r.Provider,
            r.ConnectionStatus.ToString().ToLowerInvariant(), Statistics(r.Pull))).ToList(), null));
    }

    /// <summary>One pull fetches every resource of a day at once, so the resources share status and range; days with data differ.</summary>
    private static Dictionary<string, PullStatistics> Statistics(HistoricalPull pull)
    {
        var timeline = pull.Timeline.Select(t => new PullTimelineItem(t.Status, ApiTime.Utc(t.At), t.ErrorType)).ToList();
        var error = pull.ErrorType is { } type ? new PullErrorDetails(type, pull.ErrorMessage) : null;
        PullStatistics For(int daysWithData) => new(pull.Status, ApiTime.Utc(pull.RangeStart), ApiTime.Utc(pull.RangeEnd), pull.DaysAsked, pull.DaysDone,
            daysWithData, ApiTime.Utc(pull.Checkpoint), ApiTime.Utc(pull.ScheduledAt), Maybe(pull.StartedAt), Maybe(pull.EndedAt), timeline, error);
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
