using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using LibreView.Regions;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>IndividualProviderData</c>.</summary>
internal sealed record PasswordLinkRequest(string? Username, string? Password, string? Region);

/// <summary>Junction's <c>CompletePasswordProviderMFABody</c>.</summary>
internal sealed record CompleteMfaRequest(string? MfaCode);

/// <summary>Junction's <c>EmailProviderAuthLink</c>.</summary>
internal sealed record EmailLinkRequest(string? Email, string? Region);

internal sealed record ProviderMfaResponse(string Method, string Hint);

/// <summary>
/// Junction's <c>ProviderLinkResponse</c>. <c>message</c> is ours: for a <c>freestyle_libre</c> patient LibreView does
/// not list yet, it says in words which practice the patient must add (the connection waits for the share).
/// </summary>
internal sealed record ProviderLinkResponse(
    string State, string Provider, bool Connected, string? ProviderId, string? RedirectUrl,
    string? ErrorType, string? Error, ProviderMfaResponse? ProviderMfa, string? Message = null)
{
    /// <summary>Link error types of Junction's schema; ours beyond it are written as the nearest of them, with our words.</summary>
    private static readonly HashSet<string> JunctionLinkErrors =
    [
        "invalid_token", "token_expired", "token_not_validated", "token_consumed", "provider_credential_error",
        "provider_password_expired", "provider_api_error", "unsupported_region", "duplicate_connection",
        "required_scopes_not_granted", "incorrect_mfa_code", "user_cancelled",
    ];

    public static ProviderLinkResponse From(LinkResult r)
    {
        var mfa = r.ProviderMfa is { } m ? new ProviderMfaResponse(m.Method, m.Hint) : null;
        if (r.ErrorType == LinkErrorTypes.UserNotFound && r.State == LinkState.Success)
        {
            // The connection exists and waits for the patient's share: not a link error in Junction's terms.
            return new("success", r.Provider, false, r.ProviderId, r.RedirectUrl, null, null, mfa, r.Error);
        }
        var state = r.State switch { LinkState.Success => "success", LinkState.PendingProviderMfa => "pending_provider_mfa", _ => "error" };
        var errorType = r.ErrorType is { } type && !JunctionLinkErrors.Contains(type) ? LinkErrorTypes.ProviderApiError : r.ErrorType;
        return new(state, r.Provider, r.Connected, r.ProviderId, r.RedirectUrl, state == "error" ? errorType : null,
            state == "error" ? r.Error : null, mfa);
    }
}

/// <summary>
/// The link calls a patient's browser (or the customer's app) makes with a link token in <c>x-vital-link-token</c>.
/// Link failures are HTTP 200 with <c>state: "error"</c>; malformed requests are Junction's 422.
/// </summary>
internal static class LinkProviderEndpoints
{
    public static IEndpointRouteBuilder MapLinkProviderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var link = endpoints.MapGroup("/v2/link").AllowAnonymous().WithTags("Link");
        link.MapPost("/provider/password/{provider}", PasswordAsync).WithName("LinkPasswordProvider")
            .Produces<ProviderLinkResponse>().Produces<ErrorResponse>(400).Produces<HttpValidationError>(422);
        link.MapPost("/provider/password/{provider}/complete_mfa", CompleteMfaAsync).WithName("CompletePasswordProviderMfa")
            .Produces<ProviderLinkResponse>().Produces<ErrorResponse>(400).Produces<HttpValidationError>(422);
        link.MapPost("/provider/email/{provider}", EmailAsync).WithName("LinkEmailProvider")
            .Produces<ProviderLinkResponse>().Produces<ErrorResponse>(400).Produces<HttpValidationError>(422);
        link.MapGet("/providers", (HttpContext http) => Results.Ok(Providers.All.Select(p => ProviderCatalog.Link(p, http)).ToList()))
            .WithName("GetLinkProviders").Produces<List<SourceLink>>().Produces<HttpValidationError>(422);
        return endpoints;
    }

    private static readonly string[] PasswordProvider = [Providers.AbbottLibreView];
    private static readonly string[] EmailProvider = [Providers.FreeStyleLibre];

    private static async Task<IResult> PasswordAsync(string provider, PasswordLinkRequest? body, HttpContext http, PasswordLinking linking, CancellationToken ct)
    {
        if (JunctionEnums.ProviderProblem(provider, JunctionEnums.PasswordProviders, PasswordProvider, "path", "provider") is { } problem) return problem;
        if (body is null) return ApiProblems.MissingBody();
        if (body.Username is null) return ApiProblems.Missing("body", "username");
        if (body.Password is null) return ApiProblems.Missing("body", "password");
        if (body.Region is { } region && !JunctionEnums.Regions.Contains(region)) return RegionProblem();
        if (string.IsNullOrWhiteSpace(body.Username) || body.Password.Length == 0)
        {
            return ApiProblems.BadRequest("username and password must not be empty.");
        }
        // Junction's region is a hint only: LibreView redirects a login to the account's home region by itself.
        var hint = body.Region is { } given && LibreViewApiRegions.IsKnown(given) ? given : null;
        return Answer(await linking.LinkAsync(LinkToken(http), body.Username, body.Password, hint, ct));
    }

    private static async Task<IResult> CompleteMfaAsync(string provider, CompleteMfaRequest? body, HttpContext http, PasswordLinking linking, CancellationToken ct)
    {
        if (JunctionEnums.ProviderProblem(provider, JunctionEnums.PasswordProviders, PasswordProvider, "path", "provider") is { } problem) return problem;
        if (body?.MfaCode is null) return body is null ? ApiProblems.MissingBody() : ApiProblems.Missing("body", "mfa_code");
        if (string.IsNullOrWhiteSpace(body.MfaCode)) return ApiProblems.BadRequest("mfa_code must not be empty.");
        return Answer(await linking.CompleteMfaAsync(LinkToken(http), body.MfaCode, ct));
    }

    private static async Task<IResult> EmailAsync(string provider, EmailLinkRequest? body, HttpContext http, EmailLinking linking, CancellationToken ct)
    {
        if (provider != Providers.FreeStyleLibre)
        {
            return ApiProblems.Invalid($"Input should be '{Providers.FreeStyleLibre}'.", "enum", "path", "provider");
        }
        if (body?.Email is null) return body is null ? ApiProblems.MissingBody() : ApiProblems.Missing("body", "email");
        if (body.Region is { } region && !JunctionEnums.Regions.Contains(region)) return RegionProblem();
        if (string.IsNullOrWhiteSpace(body.Email)) return ApiProblems.BadRequest("email must not be empty.");
        return Answer(await linking.LinkAsync(LinkToken(http), body.Email, body.Region, ct));
    }

    private static IResult RegionProblem() =>
        ApiProblems.Invalid("Input should be one of Junction's region codes (us, eu, de, gb, …).", "enum", "body", "region");

    private static string LinkToken(HttpContext http) => http.Request.Headers[LinkHeaders.LinkToken].ToString();

    private static IResult Answer(LinkResult result) => Results.Ok(ProviderLinkResponse.From(result));
}
