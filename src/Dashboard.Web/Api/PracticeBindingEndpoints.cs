using System.Text.Json;
using Dashboard.Core.Connections;
using Dashboard.Core.Practices;
using Dashboard.Core.Teams;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api;

/// <summary>Junction's team custom credential: for <c>freestyle_libre</c> the <c>client_id</c> is the bound Practice ID.</summary>
internal sealed record TeamCustomCredentialResponse(string Provider, string ClientId, string CreatedOn)
{
    public static TeamCustomCredentialResponse From(PracticeBindingView binding) =>
        new(binding.Provider, binding.PracticeId, ApiTime.Utc(binding.CreatedAt));
}

internal sealed record CustomPracticeResponse(string PracticeId, string Region, string Environment, string Status, string CreatedOn, string? VerifiedOn)
{
    public static CustomPracticeResponse From(CustomPracticeView p) => new(
        p.PracticeId, p.Region, Lower(p.Environment), Lower(p.Status), ApiTime.Utc(p.CreatedAt),
        p.VerifiedAt is { } at ? ApiTime.Utc(at) : null);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>
/// Practice bindings as Junction's team custom credentials: <c>POST|GET|DELETE /v1/org/{org_id}/team_custom_credentials/{env}/{region}</c>
/// for the organisation's team in that environment and deployment region, and a read of the organisation's custom practices.
/// The caller's API key must belong to the organisation; anything else is a 404.
/// </summary>
internal static class PracticeBindingEndpoints
{
    private const string CredentialsRoute = "/v1/org/{org_id}/team_custom_credentials/{env}/{region}";
    private const string TeamItemKey = "custom-credentials-team";
    private static readonly string[] ForbiddenFields = ["client_secret", "details", "redirect_url_override"];

    public static RouteGroupBuilder MapPracticeBindingEndpoints(this RouteGroupBuilder api)
    {
        var credentials = api.MapGroup(CredentialsRoute).AddEndpointFilter(ResolveTeamAsync);
        credentials.MapPost("", BindAsync).WithName("SetTeamCustomCredentials");
        credentials.MapGet("", GetAsync).WithName("GetTeamCustomCredentials");
        credentials.MapDelete("", UnbindAsync).WithName("DeleteTeamCustomCredentials");
        api.MapGet("/v1/org/{org_id}/custom_practices", ListPracticesAsync).WithName("ListCustomPractices");
        return api;
    }

    private static async Task<IResult> BindAsync(JsonElement? body, HttpContext http, PracticeBindingService bindings, CancellationToken ct)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return ApiProblems.BadRequest($"Send a JSON body with provider \"{Providers.FreeStyleLibre}\" and client_id (the Practice ID).");
        }
        if (ProviderProblem(StringOf(json, "provider")) is { } providerProblem)
        {
            return providerProblem;
        }
        if (ForbiddenFields.FirstOrDefault(field => json.TryGetProperty(field, out _)) is { } forbidden) // present at all, even null (DESIGN §3: absent)
        {
            return ApiProblems.Unprocessable($"{forbidden} must be absent: a {Providers.FreeStyleLibre} practice binding takes only client_id (the Practice ID).",
                new Dictionary<string, string[]> { [forbidden] = [$"{forbidden} is not accepted for {Providers.FreeStyleLibre}."] });
        }
        if (StringOf(json, "client_id") is not { Length: > 0 } clientId)
        {
            return ApiProblems.BadRequest("Send client_id: the LibreView Practice ID to bind the team to.");
        }

        var result = await bindings.BindTeamAsync(TeamOf(http).Id, clientId, ct);
        return result.Succeeded ? Results.Ok(TeamCustomCredentialResponse.From(result.Value!)) : Refusal(result.Refusal, result.Reason!);
    }

    private static async Task<IResult> GetAsync(HttpContext http, PracticeBindingService bindings, CancellationToken ct)
    {
        var binding = await bindings.GetAsync(TeamOf(http).Id, ct);
        return Results.Ok(binding is null ? [] : new[] { TeamCustomCredentialResponse.From(binding) });
    }

    private static async Task<IResult> UnbindAsync(string? provider, HttpContext http, PracticeBindingService bindings, CancellationToken ct)
    {
        if (provider is not null && ProviderProblem(provider) is { } providerProblem)
        {
            return providerProblem;
        }
        return await bindings.UnbindTeamAsync(TeamOf(http).Id, ct)
            ? Results.Ok(new { success = true })
            : ApiProblems.NotFound("This team has no practice binding.");
    }

    private static async Task<IResult> ListPracticesAsync(
        [FromRoute(Name = "org_id")] string orgId, HttpContext http, CustomPracticeService practices, CancellationToken ct)
    {
        if (OrganizationOf(orgId, http) is not { } organizationId)
        {
            return NoSuchOrganization();
        }
        var list = await practices.ListAsync(organizationId, ct);
        return Results.Ok(list.Select(CustomPracticeResponse.From).ToList());
    }

    /// <summary>
    /// Endpoint filter of the credentials routes: finds the organisation's team in the route's <c>env</c> and deployment
    /// <c>region</c> (kept for the handler, see <see cref="TeamOf"/>), or answers the problem.
    /// </summary>
    private static async ValueTask<object?> ResolveTeamAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = http.Request.RouteValues;
        var (env, region) = (route["env"] as string, route["region"] as string);
        if (OrganizationOf(route["org_id"] as string, http) is not { } organizationId)
        {
            return NoSuchOrganization();
        }
        TeamEnvironment? environment = env switch { "sandbox" => TeamEnvironment.Sandbox, "production" => TeamEnvironment.Production, _ => null };
        if (environment is null)
        {
            return ApiProblems.BadRequest($"Unknown environment '{env}'. Use sandbox or production.");
        }
        DeploymentRegion? deployment = region switch { "us" => DeploymentRegion.Us, "eu" => DeploymentRegion.Eu, _ => null };
        if (deployment is null)
        {
            return ApiProblems.BadRequest($"Unknown region '{region}'. Use us or eu (the team's deployment region).");
        }
        var bindings = http.RequestServices.GetRequiredService<PracticeBindingService>();
        var team = await bindings.FindTeamAsync(organizationId, environment.Value, deployment.Value, http.RequestAborted);
        if (team is null)
        {
            return ApiProblems.NotFound($"This organisation has no {env} team in region {region}.");
        }
        http.Items[TeamItemKey] = team;
        return await next(context);
    }

    private static Team TeamOf(HttpContext http) =>
        http.Items[TeamItemKey] as Team ?? throw new InvalidOperationException("The endpoint is not behind ResolveTeamAsync.");

    /// <summary>The organisation id when it is the caller's own; another organisation is indistinguishable from none.</summary>
    private static Guid? OrganizationOf(string? orgId, HttpContext http) =>
        Guid.TryParse(orgId, out var id) && id == http.ApiTeam().OrganizationId ? id : null;

    private static IResult NoSuchOrganization() => ApiProblems.NotFound("No such organisation for this API key.");

    private static IResult? ProviderProblem(string? provider) => provider switch
    {
        Providers.FreeStyleLibre => null,
        null or "" => ApiProblems.BadRequest($"Send provider: \"{Providers.FreeStyleLibre}\"."),
        _ => ApiProblems.BadRequest($"'{provider}' has no team custom credentials here; only {Providers.FreeStyleLibre} (a practice binding) does."),
    };

    private static string? StringOf(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;

    private static IResult Refusal(PracticeRefusal refusal, string reason) => refusal switch
    {
        PracticeRefusal.NotFound => ApiProblems.NotFound(reason),
        PracticeRefusal.Invalid => ApiProblems.BadRequest(reason),
        _ => ApiProblems.Unprocessable(reason),
    };
}
