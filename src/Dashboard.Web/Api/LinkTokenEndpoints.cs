using Dashboard.Core.Connections;
using Dashboard.Core.Linking;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>LinkTokenExchange</c>.</summary>
internal sealed record CreateLinkTokenRequest(Guid? UserId, string? Provider, string? RedirectUrl, IReadOnlyList<string>? FilterOnProviders);

/// <summary>Junction's <c>LinkTokenExchangeResponse</c>.</summary>
internal sealed record LinkTokenResponse(string LinkToken, string LinkWebUrl);

internal sealed record IsValidRequest(string? Token);

/// <summary>Junction's <c>DemoConnectionCreationPayload</c>.</summary>
internal sealed record DemoConnectionRequest(Guid? UserId, string? Provider);

/// <summary>Junction's <c>DemoConnectionStatus</c>.</summary>
internal sealed record DemoConnectionStatus(bool Success, string Detail);

internal sealed record LinkTokenValidity(bool Valid, string? ErrorType, string? ExpiresAt);

/// <summary><c>POST /v2/link/token</c> and <c>/v2/link/token/isValid</c>.</summary>
internal static class LinkTokenEndpoints
{
    /// <summary>Schemes a browser would run rather than open; every other absolute URL (https, a mobile app's own scheme) is a redirect.</summary>
    private static readonly HashSet<string> ScriptSchemes = new(StringComparer.OrdinalIgnoreCase) { "javascript", "data", "vbscript", "file", "blob" };

    public static RouteGroupBuilder MapLinkTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/link/token", CreateAsync).WithName("CreateLinkToken")
            .Produces<LinkTokenResponse>().Produces<ErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapPost("/v2/link/token/isValid", IsValidAsync).WithName("IsLinkTokenValid").Produces<LinkTokenValidity>();
        api.MapPost("/v2/link/connect/demo", ConnectDemoAsync).WithName("ConnectDemoProvider")
            .Produces<DemoConnectionStatus>().Produces<ErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateLinkTokenRequest? body, HttpContext http, LinkTokenService tokens, CancellationToken ct)
    {
        if (body is null) return ApiProblems.MissingBody();
        if (body.UserId is not { } userId) return ApiProblems.Missing("body", "user_id");
        if (body.Provider is { } named && JunctionEnums.ProviderProblem(named, JunctionEnums.Providers, Providers.All, "body", "provider") is { } problem)
        {
            return problem;
        }
        for (var i = 0; i < (body.FilterOnProviders?.Count ?? 0); i++)
        {
            if (JunctionEnums.ProviderProblem(body.FilterOnProviders![i], JunctionEnums.Providers, Providers.All, "body", "filter_on_providers", i) is { } filterProblem)
            {
                return filterProblem;
            }
        }
        var provider = body.Provider ?? (body.FilterOnProviders is [var only] ? only : null);
        if (body.RedirectUrl is { } redirect && !IsRedirectUrl(redirect))
        {
            return ApiProblems.BadRequest("redirect_url must be an absolute URL the patient's browser or app can open (https://…, or your app's own scheme such as myapp://).");
        }
        var issued = await tokens.IssueAsync(http.ApiTeam().Id, userId, provider, body.RedirectUrl, ct);
        if (issued is null)
        {
            return UserEndpoints.NoSuchUser();
        }
        var widgetUrl = http.RequestServices.GetRequiredService<Configuration.PublicLinks>().LinkWidget(issued.Token, http.Request);
        return Results.Ok(new LinkTokenResponse(issued.Token, widgetUrl));
    }

    private static async Task<IResult> IsValidAsync(IsValidRequest? body, HttpContext http, LinkTokenService tokens, CancellationToken ct)
    {
        var check = await tokens.CheckAsync(body?.Token ?? http.Request.Headers[LinkHeaders.LinkToken].ToString(), ct: ct);
        var sameTeam = check.Token?.TeamId == http.ApiTeam().Id;
        return Results.Ok(new LinkTokenValidity(
            check.IsValid && sameTeam,
            sameTeam ? check.ErrorType : LinkErrorTypes.InvalidToken,
            sameTeam && check.Token is { } t ? ApiTime.Utc(t.ExpiresAt) : null));
    }

    /// <summary>Junction's <c>DemoProviders</c>.</summary>
    private static readonly HashSet<string> DemoProviders = ["apple_health_kit", "fitbit", "freestyle_libre", "oura"];

    private static async Task<IResult> ConnectDemoAsync(DemoConnectionRequest? body, HttpContext http, Dashboard.Core.Demo.DemoConnections demo, CancellationToken ct)
    {
        if (body is null) return ApiProblems.MissingBody();
        if (body.UserId is not { } userId) return ApiProblems.Missing("body", "user_id");
        if (body.Provider is not { } provider) return ApiProblems.Missing("body", "provider");
        if (JunctionEnums.ProviderProblem(provider, DemoProviders, [Providers.FreeStyleLibre], "body", "provider") is { } problem) return problem;
        return await demo.ConnectAsync(http.ApiTeam().Id, userId, ct) switch
        {
            Dashboard.Core.Demo.DemoOutcome.Connected => Results.Ok(new DemoConnectionStatus(true,
                $"Connected user {userId} to provider {provider} with {Dashboard.Core.Demo.DemoConnections.Days} days of generated data.")),
            Dashboard.Core.Demo.DemoOutcome.NotSandbox => ApiProblems.BadRequest("Demo connections are for sandbox teams only; use a sandbox team's API key."),
            Dashboard.Core.Demo.DemoOutcome.AlreadyConnected => ApiProblems.BadRequest($"The user already has a {provider} connection."),
            _ => UserEndpoints.NoSuchUser(),
        };
    }

    /// <summary>An absolute URL with a scheme of its own that is not script; custom app schemes (<c>myapp://done</c>) included.</summary>
    internal static bool IsRedirectUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !ScriptSchemes.Contains(uri.Scheme) && !uri.IsUnc && url.Contains("://", StringComparison.Ordinal);
}

internal static class LinkHeaders
{
    public const string LinkToken = "x-vital-link-token";
}
