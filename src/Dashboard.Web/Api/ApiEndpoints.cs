namespace Dashboard.Web.Api;

internal static class ApiEndpoints
{
    /// <summary>The Junction-shaped REST API: anonymous to the cookie sign-in, authenticated by team API key.</summary>
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("")
            .AllowAnonymous()
            .AddEndpointFilter<ApiTeamFilter>()
            .WithTags("Junction API");
        api.MapUserEndpoints();
        api.MapLinkTokenEndpoints();
        api.MapProviderEndpoints();
        api.MapPracticeBindingEndpoints();
        api.MapTimeseriesEndpoints();
        api.MapSyncEndpoints();
        endpoints.MapLinkProviderEndpoints();
        return endpoints;
    }
}
