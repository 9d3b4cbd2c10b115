using Dashboard.Core.Connections;
using Dashboard.Core.Users;

namespace Dashboard.Web.Api;

internal sealed record CreateUserRequest(string? ClientUserId);

internal sealed record CreateUserResponse(Guid UserId, string ClientUserId);

internal sealed record ProviderSummary(string Name, string Slug, string? Logo);

internal sealed record ConnectedSourceResponse(ProviderSummary Provider, string CreatedOn, string Status);

internal sealed record UserResponse(Guid UserId, Guid TeamId, string ClientUserId, string CreatedOn, IReadOnlyList<ConnectedSourceResponse> ConnectedSources)
{
    public static UserResponse From(PatientUser user) => new(
        user.UserId, user.TeamId, user.ClientUserId, ApiTime.Utc(user.CreatedAt),
        user.ConnectedSources.Select(s => new ConnectedSourceResponse(
            new ProviderSummary(Providers.DisplayName(s.Provider), s.Provider, null), ApiTime.Utc(s.CreatedAt),
            s.Status.ToString().ToLowerInvariant())).ToList());
}

/// <summary>Junction's <c>/v2/user</c> calls, scoped to the caller's team.</summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/user", CreateAsync).WithName("CreateUser");
        api.MapGet("/v2/user/{userId:guid}", GetAsync).WithName("GetUser");
        api.MapGet("/v2/user/resolve/{clientUserId}", ResolveAsync).WithName("ResolveUser");
        api.MapDelete("/v2/user/{userId:guid}", DeleteAsync).WithName("DeleteUser");
        api.MapDelete("/v2/user/{userId:guid}/{provider}", DeleteConnectionAsync).WithName("DeregisterProvider");
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest? body, HttpContext http, PatientDirectory users, CancellationToken ct)
    {
        if (body is null)
        {
            return ApiProblems.BadRequest("Send a JSON body with client_user_id.");
        }
        var (outcome, user) = await users.CreateAsync(http.ApiTeam().Id, body.ClientUserId, ct);
        return outcome switch
        {
            CreateUserOutcome.Created => Results.Ok(new CreateUserResponse(user!.UserId, user.ClientUserId)),
            CreateUserOutcome.DuplicateClientUserId => ApiProblems.BadRequest($"A user with client_user_id '{body.ClientUserId}' already exists in this team."),
            _ => ApiProblems.BadRequest($"client_user_id is required: 1 to {PatientDirectory.MaxClientUserIdLength} characters."),
        };
    }

    private static async Task<IResult> GetAsync(Guid userId, HttpContext http, PatientDirectory users, CancellationToken ct) =>
        await users.GetAsync(http.ApiTeam().Id, userId, ct) is { } user
            ? Results.Ok(UserResponse.From(user))
            : ApiProblems.NotFound("No such user in this team.");

    private static async Task<IResult> ResolveAsync(string clientUserId, HttpContext http, PatientDirectory users, CancellationToken ct) =>
        await users.ResolveAsync(http.ApiTeam().Id, clientUserId, ct) is { } user
            ? Results.Ok(UserResponse.From(user))
            : ApiProblems.NotFound("No user with that client_user_id in this team.");

    private static async Task<IResult> DeleteAsync(Guid userId, HttpContext http, PatientDirectory users, CancellationToken ct) =>
        await users.DeleteAsync(http.ApiTeam().Id, userId, ct)
            ? Results.Ok(new { success = true })
            : ApiProblems.NotFound("No such user in this team.");

    private static async Task<IResult> DeleteConnectionAsync(Guid userId, string provider, HttpContext http, PatientDirectory users, CancellationToken ct)
    {
        if (!Providers.All.Contains(provider))
        {
            return ApiProblems.BadRequest($"Unknown provider '{provider}'. Use one of: {string.Join(", ", Providers.All)}.");
        }
        return await users.DeleteConnectionAsync(http.ApiTeam().Id, userId, provider, ct)
            ? Results.Ok(new { success = true })
            : ApiProblems.NotFound("No such connection for this user in this team.");
    }
}
