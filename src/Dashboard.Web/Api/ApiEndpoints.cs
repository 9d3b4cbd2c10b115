namespace Dashboard.Web.Api;

internal static class ApiEndpoints
{
    /// <summary>
    /// The Junction-shaped REST API: anonymous to the cookie sign-in, authenticated by team API key; the link calls by
    /// link token; the Org Management API by organisation management key.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("")
            .AllowAnonymous()
            .AddEndpointFilter<ApiTeamFilter>()
            .WithTags("Junction API");
        api.MapUserEndpoints();
        api.MapLinkTokenEndpoints();
        api.MapProviderEndpoints();
        api.MapTimeseriesEndpoints();
        api.MapSyncEndpoints();
        endpoints.MapLinkProviderEndpoints();
        endpoints.MapOrgManagementEndpoints();
        return endpoints;
    }
}
