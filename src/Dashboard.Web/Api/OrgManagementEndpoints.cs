using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Connections;
using Dashboard.Core.Practices;
using Dashboard.Core.Teams;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>ClientFacingTeamProviderCredentials</c>: for <c>freestyle_libre</c> the <c>client_id</c> is the bound Practice ID.</summary>
internal sealed record TeamCustomCredential(
    Guid Id, string? ClientId, string? ClientSecretHash, string Source, Guid TeamId, string CreatedAt, string UpdatedAt,
    object? Details, string? AppUrl, string? RedirectUrlOverride)
{
    public static TeamCustomCredential From(PracticeBindingView binding) => new(
        OrgManagementEndpoints.CredentialId(binding.TeamId), binding.PracticeId, null, binding.Provider, binding.TeamId,
        ApiTime.Utc(binding.CreatedAt), ApiTime.Utc(binding.CreatedAt), null, null, null);
}

/// <summary>
/// Junction's <c>UpsertTeamCustomCredentialsBody</c>, as the document describes it; the handler reads the raw JSON, since
/// for <c>freestyle_libre</c> a field sent at all (even null) is refused, which a bound record cannot tell from absent.
/// </summary>
internal sealed record UpsertCredentialsRequest(Guid TeamId, string Provider, string? ClientId, string? ClientSecret, JsonElement? Details, string? RedirectUrlOverride);

/// <summary>Junction's <c>PrepareTeamCustomCredentialsBody</c>.</summary>
internal sealed record PrepareCredentialsRequest(Guid TeamId, string Provider);

/// <summary>Junction's <c>CustomCredentialsResponse</c>.</summary>
internal sealed record CustomCredentialsResponse(IReadOnlyList<TeamCustomCredential> Credentials, string? NextCursor);

/// <summary>Junction's <c>DeleteTeamCustomCredentialsResponse</c>.</summary>
internal sealed record DeleteCredentialsResponse(IReadOnlyList<Guid> Success, IReadOnlyList<Guid> Failure, IReadOnlyList<Guid> NotFound);

internal sealed record PreparationStep(string Type, string? Key, string Value, string? Description);

/// <summary>Junction's <c>PrepareTeamCustomCredentialsResponse</c>.</summary>
internal sealed record PrepareCredentialsResponse(string Status, IReadOnlyList<PreparationStep> PreparationSteps);

internal sealed record CustomPracticeResponse(string PracticeId, string Region, string Environment, string Status, string CreatedOn, string? VerifiedOn)
{
    public static CustomPracticeResponse From(CustomPracticeView p) => new(
        p.PracticeId, p.Region, Lower(p.Environment), Lower(p.Status), ApiTime.Utc(p.CreatedAt),
        p.VerifiedAt is { } at ? ApiTime.Utc(at) : null);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>
/// Junction's Org Management API for this product: an organisation's <c>X-Management-Key</c> (never a team key)
/// manages its teams' custom credentials, which for <c>freestyle_libre</c> are practice bindings (DESIGN §3), under
/// <c>/v1/org/{org_id}/team_custom_credentials/{env}/{region}</c>; and reads the organisation's custom practices.
/// </summary>
internal static class OrgManagementEndpoints
{
    public const string HeaderName = "X-Management-Key";
    private const string ScopeRoute = "/{env}/{region}";
    private const string TeamsItemKey = "org-management-teams";
    private static readonly string[] ForbiddenFields = ["client_secret", "details", "redirect_url_override"];
    private static readonly string[] Ours = [Providers.FreeStyleLibre];

    public static IEndpointRouteBuilder MapOrgManagementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var org = endpoints.MapGroup("/v1/org/{org_id}").AllowAnonymous().AddEndpointFilter(AuthenticateAsync).WithTags("Org Management API");
        var credentials = org.MapGroup("/team_custom_credentials" + ScopeRoute).AddEndpointFilter(ResolveTeamsAsync);
        credentials.MapPost("", UpsertAsync).WithName("UpsertTeamCustomCredentials").Accepts<UpsertCredentialsRequest>("application/json")
            .Produces<TeamCustomCredential>().Produces<ErrorResponse>(400).Produces<ErrorResponse>(401).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        credentials.MapGet("", GetAsync).WithName("GetTeamCustomCredentials")
            .Produces<CustomCredentialsResponse>().Produces<ErrorResponse>(401).Produces<HttpValidationError>(422);
        credentials.MapDelete("", DeleteAsync).WithName("DeleteTeamCustomCredentials")
            .Produces<DeleteCredentialsResponse>().Produces<ErrorResponse>(401).Produces<HttpValidationError>(422);
        org.MapGroup("/prepare_team_custom_credentials" + ScopeRoute).AddEndpointFilter(ResolveTeamsAsync)
            .MapPost("", PrepareAsync).WithName("PrepareTeamCustomCredentials").Accepts<PrepareCredentialsRequest>("application/json")
            .Produces<PrepareCredentialsResponse>().Produces<ErrorResponse>(401).Produces<HttpValidationError>(422);
        org.MapGet("/custom_practices", ListPracticesAsync).WithName("ListCustomPractices").Produces<List<CustomPracticeResponse>>();
        return endpoints;
    }

    /// <summary>The credential of a team's practice binding: one per team, so its id is derived from the team's.</summary>
    public static Guid CredentialId(Guid teamId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"team_custom_credentials/{Providers.FreeStyleLibre}/{teamId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // RFC 9562 version 5 layout (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static async Task<IResult> UpsertAsync(JsonElement? body, HttpContext http, PracticeBindingService bindings, CancellationToken ct)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json) return ApiProblems.MissingBody();
        if (StringOf(json, "team_id") is not { } teamText) return ApiProblems.Missing("body", "team_id");
        if (!Guid.TryParse(teamText, out var teamId)) return ApiProblems.Invalid("Input should be a valid UUID", "uuid_parsing", "body", "team_id");
        if (StringOf(json, "provider") is not { } provider) return ApiProblems.Missing("body", "provider");
        if (JunctionEnums.ProviderProblem(provider, JunctionEnums.Providers, Ours, "body", "provider") is { } providerProblem) return providerProblem;
        if (ForbiddenFields.FirstOrDefault(field => json.TryGetProperty(field, out _)) is { } forbidden) // present at all, even null (DESIGN §3: absent)
        {
            return ApiProblems.Invalid($"{forbidden} must be absent: a {Providers.FreeStyleLibre} practice binding takes only client_id (the Practice ID).",
                "extra_forbidden", "body", forbidden);
        }
        if (StringOf(json, "client_id") is not { Length: > 0 } clientId) return ApiProblems.Missing("body", "client_id");
        if (TeamsOf(http).FirstOrDefault(t => t.Id == teamId) is not { } team) return NoSuchTeam(http);

        var result = await bindings.BindTeamAsync(team.Id, clientId.Trim(), ManagementKeyActor(http), ct);
        return result.Succeeded ? Results.Ok(TeamCustomCredential.From(result.Value!)) : Refusal(result.Refusal, result.Reason!);
    }

    private static async Task<IResult> GetAsync(
        [FromQuery(Name = "team_id")] string[]? teamIds, string? provider, [FromQuery(Name = "next_cursor")] string? nextCursor,
        HttpContext http, PracticeBindingService bindings, CancellationToken ct)
    {
        if (provider is not null && provider != Providers.FreeStyleLibre)
        {
            return Results.Ok(new CustomCredentialsResponse([], null)); // only freestyle_libre has credentials here
        }
        if (Ids(teamIds, "team_id", out var wanted) is { } problem) return problem;
        var credentials = new List<TeamCustomCredential>();
        foreach (var team in TeamsOf(http).Where(t => wanted.Count == 0 || wanted.Contains(t.Id)).OrderBy(t => t.Name))
        {
            if (await bindings.GetAsync(team.Id, ct) is { } binding)
            {
                credentials.Add(TeamCustomCredential.From(binding));
            }
        }
        return Results.Ok(new CustomCredentialsResponse(credentials, null));
    }

    private static async Task<IResult> DeleteAsync([FromQuery(Name = "credential_id")] string[]? credentialIds, HttpContext http, PracticeBindingService bindings, CancellationToken ct)
    {
        if (credentialIds is not { Length: > 0 }) return ApiProblems.Missing("query", "credential_id");
        if (Ids(credentialIds, "credential_id", out var wanted) is { } problem) return problem;
        var byCredential = TeamsOf(http).ToDictionary(t => CredentialId(t.Id));
        List<Guid> deleted = [], notFound = [];
        foreach (var id in wanted)
        {
            var unbound = byCredential.TryGetValue(id, out var team) && await bindings.UnbindTeamAsync(team.Id, ManagementKeyActor(http), ct);
            (unbound ? deleted : notFound).Add(id);
        }
        return Results.Ok(new DeleteCredentialsResponse(deleted, [], notFound));
    }

    private static IResult PrepareAsync(JsonElement? body, HttpContext http)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json) return ApiProblems.MissingBody();
        if (StringOf(json, "team_id") is not { } teamText) return ApiProblems.Missing("body", "team_id");
        if (!Guid.TryParse(teamText, out var teamId)) return ApiProblems.Invalid("Input should be a valid UUID", "uuid_parsing", "body", "team_id");
        if (StringOf(json, "provider") is not { } provider) return ApiProblems.Missing("body", "provider");
        if (JunctionEnums.ProviderProblem(provider, JunctionEnums.Providers, Ours, "body", "provider") is { } providerProblem) return providerProblem;
        if (TeamsOf(http).All(t => t.Id != teamId)) return NoSuchTeam(http);
        // A practice binding needs no OAuth application: the practice is verified when it is added.
        return Results.Ok(new PrepareCredentialsResponse("no_action_needed", []));
    }

    private static async Task<IResult> ListPracticesAsync(HttpContext http, CustomPracticeService practices, CancellationToken ct)
    {
        var list = await practices.ListAsync(OrganizationOf(http), ct);
        return Results.Ok(list.Select(CustomPracticeResponse.From).ToList());
    }

    /// <summary>
    /// Only an organisation's live <c>X-Management-Key</c> gets in, and only to its own organisation; a team API key is
    /// refused (Junction's Org Management API accepts no team key), and another organisation is indistinguishable from none.
    /// </summary>
    /// <summary>The management key of this call, as the audit log records it.</summary>
    private static Dashboard.Core.Audit.AuditActor ManagementKeyActor(HttpContext http) =>
        Dashboard.Core.Audit.AuditActor.ForManagementKey(http.Request.Headers[HeaderName].ToString(), http.Connection.RemoteIpAddress?.ToString());

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(presented))
        {
            return ApiProblems.Unauthorized(http.Request.Headers.ContainsKey(ApiTeamFilter.HeaderName)
                ? $"The Org Management API does not accept a team API key; send an organisation management key in {HeaderName}."
                : $"Send an organisation management key in the {HeaderName} header.");
        }
        var organizationId = await http.RequestServices.GetRequiredService<ManagementKeys>().FindOrganizationAsync(presented, http.RequestAborted);
        if (organizationId is null)
        {
            return ApiProblems.Unauthorized($"{HeaderName} is not a live organisation management key (a team API key is not one).");
        }
        if (!Guid.TryParse(http.Request.RouteValues["org_id"] as string, out var routeOrg))
        {
            return ApiProblems.Invalid("Input should be a valid UUID", "uuid_parsing", "path", "org_id");
        }
        if (routeOrg != organizationId)
        {
            return ApiProblems.NotFound("No such organisation for this management key.");
        }
        http.Items[OrganizationItemKey] = organizationId.Value;
        return await next(context);
    }

    private const string OrganizationItemKey = "org-management-organization";

    private static Guid OrganizationOf(HttpContext http) =>
        http.Items[OrganizationItemKey] as Guid? ?? throw new InvalidOperationException("The endpoint is not behind AuthenticateAsync.");

    /// <summary>The organisation's teams in the route's <c>env</c> and deployment <c>region</c>, kept for the handler.</summary>
    private static async ValueTask<object?> ResolveTeamsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = http.Request.RouteValues;
        TeamEnvironment? environment = (route["env"] as string) switch { "sandbox" => TeamEnvironment.Sandbox, "production" => TeamEnvironment.Production, _ => null };
        if (environment is null)
        {
            return ApiProblems.Invalid("Input should be 'production' or 'sandbox'", "enum", "path", "env");
        }
        DeploymentRegion? deployment = (route["region"] as string) switch { "us" => DeploymentRegion.Us, "eu" => DeploymentRegion.Eu, _ => null };
        if (deployment is null)
        {
            return ApiProblems.Invalid("Input should be 'us' or 'eu' (the team's deployment region)", "enum", "path", "region");
        }
        http.Items[TeamsItemKey] = await http.RequestServices.GetRequiredService<ManagementKeys>()
            .TeamsAsync(OrganizationOf(http), environment.Value, deployment.Value, http.RequestAborted);
        return await next(context);
    }

    private static IReadOnlyList<Team> TeamsOf(HttpContext http) =>
        http.Items[TeamsItemKey] as IReadOnlyList<Team> ?? throw new InvalidOperationException("The endpoint is not behind ResolveTeamsAsync.");

    private static IResult NoSuchTeam(HttpContext http) =>
        ApiProblems.NotFound($"This organisation has no {http.Request.RouteValues["env"]} team in region {http.Request.RouteValues["region"]} with that team_id.");

    private static IResult? Ids(string[]? given, string name, out HashSet<Guid> ids)
    {
        ids = [];
        for (var i = 0; i < (given?.Length ?? 0); i++)
        {
            if (!Guid.TryParse(given![i], out var id)) return ApiProblems.Invalid("Input should be a valid UUID", "uuid_parsing", "query", name, i);
            ids.Add(id);
        }
        return null;
    }

    private static string? StringOf(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IResult Refusal(PracticeRefusal refusal, string reason) => refusal switch
    {
        PracticeRefusal.NotFound => ApiProblems.NotFound(reason),
        PracticeRefusal.Invalid => ApiProblems.BadRequest(reason),
        _ => ApiProblems.Invalid(reason, "value_error", "body", "client_id"),
    };
}
