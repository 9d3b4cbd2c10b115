using Dashboard.Core.Connections;
using Dashboard.Core.Linking;

namespace Dashboard.Web.Api;

internal sealed record CreateLinkTokenRequest(Guid? UserId, string? Provider, string? RedirectUrl, IReadOnlyList<string>? FilterOnProviders);

internal sealed record LinkTokenResponse(string LinkToken, string LinkWebUrl);

internal sealed record IsValidRequest(string? Token);

/// <summary><c>POST /v2/link/token</c> and <c>/v2/link/token/isValid</c>.</summary>
internal static class LinkTokenEndpoints
{
    public static RouteGroupBuilder MapLinkTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/link/token", CreateAsync).WithName("CreateLinkToken");
        api.MapPost("/v2/link/token/isValid", IsValidAsync).WithName("IsLinkTokenValid");
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateLinkTokenRequest? body, HttpContext http, LinkTokenService tokens, CancellationToken ct)
    {
        if (body?.UserId is not { } userId)
        {
            return ApiProblems.BadRequest("Send a JSON body with user_id.");
        }
        var provider = body.Provider ?? (body.FilterOnProviders is [var only] ? only : null);
        if (provider is not null && !Providers.All.Contains(provider))
        {
            return ApiProblems.BadRequest($"Unknown provider '{provider}'. Use one of: {string.Join(", ", Providers.All)}.");
        }
        if (body.RedirectUrl is { } redirect && !IsAbsoluteHttpUrl(redirect))
        {
            return ApiProblems.BadRequest("redirect_url must be an absolute http(s) URL.");
        }
        var issued = await tokens.IssueAsync(http.ApiTeam().Id, userId, provider, body.RedirectUrl, ct);
        if (issued is null)
        {
            return ApiProblems.NotFound("No such user in this team.");
        }
        var widgetUrl = http.RequestServices.GetRequiredService<Configuration.PublicLinks>().LinkWidget(issued.Token, http.Request);
        return Results.Ok(new LinkTokenResponse(issued.Token, widgetUrl));
    }

    private static async Task<IResult> IsValidAsync(IsValidRequest? body, HttpContext http, LinkTokenService tokens, CancellationToken ct)
    {
        var check = await tokens.CheckAsync(body?.Token ?? http.Request.Headers[LinkHeaders.LinkToken].ToString(), ct: ct);
        var sameTeam = check.Token?.TeamId == http.ApiTeam().Id;
        return Results.Ok(new
        {
            valid = check.IsValid && sameTeam,
            error_type = sameTeam ? check.ErrorType : LinkErrorTypes.InvalidToken,
            expires_at = sameTeam && check.Token is { } t ? ApiTime.Utc(t.ExpiresAt) : null,
        });
    }

    private static bool IsAbsoluteHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

internal static class LinkHeaders
{
    public const string LinkToken = "x-vital-link-token";
}
