using Dashboard.Core.Access;
using Dashboard.Core.Patients;
using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>POST /patients/{user_id}/reconnect-link</c> for the console's own scripts: support or admin only, with the
/// antiforgery token; the page itself calls the same domain service after the same role check.
/// </summary>
internal static class ReconnectLinkEndpoints
{
    public static IEndpointRouteBuilder MapReconnectLinks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/patients/{userId:guid}/reconnect-link", CreateAsync)
            .RequireAuthorization(ConsolePolicies.ReconnectPatients)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(Guid userId, string? provider, HttpContext http, ReconnectLinks links, StaffScopeResolver scopes)
    {
        var scope = await scopes.ForUserAsync(http.User, http.RequestAborted);
        var actor = StaffIdentity.ActorOf(http.User, http.Connection.RemoteIpAddress?.ToString());
        var issued = await links.CreateAsync(scope, actor, userId, provider ?? Dashboard.Core.Connections.Providers.AbbottLibreView, http.RequestAborted);
        return issued is null
            ? ApiProblems.NotFound("No such patient in your organisation.")
            : Results.Ok(new { link_web_url = http.RequestServices.GetRequiredService<Configuration.PublicLinks>().LinkWidget(issued.Token, http.Request), expires_at = ApiTime.Utc(issued.ExpiresAt) });
    }
}
