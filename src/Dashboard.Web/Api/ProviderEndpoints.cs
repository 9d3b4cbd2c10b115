using Dashboard.Core.Connections;

namespace Dashboard.Web.Api;

internal sealed record ConnectionErrorDetails(string ErrorType, string? ErrorMessage, string? ErroredAt);

internal sealed record ConnectedProvider(
    string Name, string Slug, string? Logo, string CreatedOn, string Status, string? ExternalUserId,
    ConnectionErrorDetails? ErrorDetails, IReadOnlyDictionary<string, object> ResourceAvailability);

internal sealed record ProvidersResponse(IReadOnlyList<ConnectedProvider> Providers);

/// <summary><c>GET /v2/user/providers/{user_id}</c>: the user's connections and their health.</summary>
internal static class ProviderEndpoints
{
    public static RouteGroupBuilder MapProviderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/user/providers/{userId:guid}", GetAsync).WithName("GetUserProviders");
        return api;
    }

    private static async Task<IResult> GetAsync(Guid userId, HttpContext http, ConnectionDirectory connections, CancellationToken ct)
    {
        var list = await connections.ForUserAsync(http.ApiTeam().Id, userId, ct);
        if (list is null)
        {
            return ApiProblems.NotFound("No such user in this team.");
        }
        return Results.Ok(new ProvidersResponse(list.Select(c => new ConnectedProvider(
            Providers.DisplayName(c.Provider), c.Provider, null, ApiTime.Utc(c.CreatedAt),
            c.Status == ConnectionStatus.Connected ? "connected" : "error",
            c.ExternalUserId,
            c.ErrorType is null ? null : new ConnectionErrorDetails(c.ErrorType, c.ErrorMessage, c.ErroredAt is { } at ? ApiTime.Utc(at) : null),
            new Dictionary<string, object> { ["region"] = c.Region ?? "", ["practice_id"] = c.PracticeId ?? "" })).ToList()));
    }
}
