using Dashboard.Core.Connections;
using Dashboard.Core.Events;

using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>ConnectionErrorDetails</c>.</summary>
internal sealed record ConnectionErrorDetails(string ErrorType, string ErrorMessage, string ErroredAt);

/// <summary>Junction's <c>ClientFacingProviderWithStatus</c>; <c>region</c> and <c>practice_id</c> are ours, beside the schema's fields.</summary>
internal sealed record ConnectedProvider(
    string Name, string Slug, string Logo, string CreatedOn, string Status, string? ExternalUserId,
    ConnectionErrorDetails? ErrorDetails, IReadOnlyDictionary<string, ResourceAvailability> ResourceAvailability,
    string? Region, string? PracticeId);

internal sealed record ProvidersResponse(IReadOnlyList<ConnectedProvider> Providers);

/// <summary><c>GET /v2/user/providers/{user_id}</c> (the user's connections and their health) and <c>GET /v2/providers</c>.</summary>
internal static class ProviderEndpoints
{
    public static RouteGroupBuilder MapProviderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/user/providers/{user_id}", GetAsync).WithName("GetUserProviders")
            .Produces<ProvidersResponse>().Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapGet("/v2/providers", (HttpContext http, string? source_type) =>
                Results.Ok(Providers.All.Select(p => ProviderCatalog.Detailed(p, http))
                    .Where(p => string.IsNullOrEmpty(source_type) || p.AuthType == source_type).ToList()))
            .WithName("GetProviders").Produces<List<ProviderDetailed>>().Produces<HttpValidationError>(422);
        return api;
    }

    private static async Task<IResult> GetAsync([FromRoute(Name = "user_id")] Guid userId, HttpContext http, ConnectionDirectory connections, CancellationToken ct)
    {
        var list = await connections.ForUserAsync(http.ApiTeam().Id, userId, ct);
        if (list is null)
        {
            return UserEndpoints.NoSuchUser();
        }
        return Results.Ok(new ProvidersResponse(list.Select(c => new ConnectedProvider(
            Providers.DisplayName(c.Provider), c.Provider, ProviderCatalog.LogoUrl(http), ApiTime.Utc(c.CreatedAt),
            c.Status == ConnectionStatus.Connected ? "connected" : "error",
            c.ExternalUserId,
            c.Status == ConnectionStatus.Error && c.ErrorType is { } type
                ? new ConnectionErrorDetails(EventPayloads.JunctionErrorType(type), c.ErrorMessage ?? type, ApiTime.Utc(c.ErroredAt ?? c.CreatedAt))
                : null,
            ProviderCatalog.Availability(c.Status), c.Region, c.PracticeId)).ToList()));
    }
}
