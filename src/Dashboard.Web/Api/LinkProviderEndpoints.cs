using Dashboard.Core.Connections;
using Dashboard.Core.Linking;

namespace Dashboard.Web.Api;

internal sealed record PasswordLinkRequest(string? Username, string? Password, string? Region);

internal sealed record CompleteMfaRequest(string? MfaCode);

internal sealed record EmailLinkRequest(string? Email, string? Region);

internal sealed record ProviderMfaResponse(string Method, string Hint);

/// <summary>Junction's <c>ProviderLinkResponse</c>.</summary>
internal sealed record ProviderLinkResponse(
    string State, string Provider, bool Connected, string? ProviderId, string? RedirectUrl,
    string? ErrorType, string? Error, ProviderMfaResponse? ProviderMfa)
{
    public static ProviderLinkResponse From(LinkResult r) => new(
        r.State switch { LinkState.Success => "success", LinkState.PendingProviderMfa => "pending_provider_mfa", _ => "error" },
        r.Provider, r.Connected, r.ProviderId, r.RedirectUrl, r.ErrorType, r.Error,
        r.ProviderMfa is { } mfa ? new ProviderMfaResponse(mfa.Method, mfa.Hint) : null);
}

/// <summary>
/// The link calls a patient's browser (or the customer's app) makes with a link token in <c>x-vital-link-token</c>.
/// Link failures are HTTP 200 with <c>state: "error"</c>; malformed requests are 4xx ProblemDetails.
/// </summary>
internal static class LinkProviderEndpoints
{
    public static IEndpointRouteBuilder MapLinkProviderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var link = endpoints.MapGroup("/v2/link/provider").AllowAnonymous().WithTags("Link");
        link.MapPost("/password/{provider}", PasswordAsync).WithName("LinkPasswordProvider");
        link.MapPost("/password/{provider}/complete_mfa", CompleteMfaAsync).WithName("CompletePasswordProviderMfa");
        link.MapPost("/email/{provider}", EmailAsync).WithName("LinkEmailProvider");
        return endpoints;
    }

    private static async Task<IResult> PasswordAsync(string provider, PasswordLinkRequest? body, HttpContext http, PasswordLinking linking, CancellationToken ct)
    {
        if (provider != Providers.AbbottLibreView)
        {
            return ApiProblems.BadRequest($"'{provider}' does not link with a password; use {Providers.AbbottLibreView}.");
        }
        if (body is null || string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            return ApiProblems.BadRequest("Send username and password.");
        }
        return Answer(await linking.LinkAsync(LinkToken(http), body.Username, body.Password, body.Region, ct));
    }

    private static async Task<IResult> CompleteMfaAsync(string provider, CompleteMfaRequest? body, HttpContext http, PasswordLinking linking, CancellationToken ct)
    {
        if (provider != Providers.AbbottLibreView)
        {
            return ApiProblems.BadRequest($"'{provider}' has no two-factor step.");
        }
        if (string.IsNullOrWhiteSpace(body?.MfaCode))
        {
            return ApiProblems.BadRequest("Send mfa_code.");
        }
        return Answer(await linking.CompleteMfaAsync(LinkToken(http), body.MfaCode, ct));
    }

    private static async Task<IResult> EmailAsync(string provider, EmailLinkRequest? body, HttpContext http, EmailLinking linking, CancellationToken ct)
    {
        if (provider != Providers.FreeStyleLibre)
        {
            return ApiProblems.BadRequest($"'{provider}' does not link by email; use {Providers.FreeStyleLibre}.");
        }
        if (string.IsNullOrWhiteSpace(body?.Email))
        {
            return ApiProblems.BadRequest("Send email.");
        }
        return Answer(await linking.LinkAsync(LinkToken(http), body.Email, body.Region, ct));
    }

    private static string LinkToken(HttpContext http) => http.Request.Headers[LinkHeaders.LinkToken].ToString();

    private static IResult Answer(LinkResult result) => Results.Ok(ProviderLinkResponse.From(result));
}
