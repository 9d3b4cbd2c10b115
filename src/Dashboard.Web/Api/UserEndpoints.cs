using Dashboard.Core.Validation;
using Dashboard.Core.Connections;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>UserCreateBody</c>.</summary>
internal sealed record CreateUserRequest(string? ClientUserId, string? FallbackTimeZone, DateOnly? FallbackBirthDate, DateOnly? IngestionStart, DateOnly? IngestionEnd);

/// <summary>Junction's <c>UserPatchBody</c>: every field optional, null keeps it.</summary>
internal sealed record PatchUserRequest(string? ClientUserId, string? FallbackTimeZone, DateOnly? FallbackBirthDate, DateOnly? IngestionStart, DateOnly? IngestionEnd);

internal sealed record ConnectedSourceResponse(ProviderSummary Provider, string CreatedOn, ProviderSummary Source, string Status);

internal sealed record FallbackTimeZoneResponse(string Id, string SourceSlug, string UpdatedAt);

internal sealed record FallbackBirthDateResponse(string Value, string SourceSlug, string UpdatedAt);

/// <summary>Junction's <c>ClientFacingUser</c>.</summary>
internal sealed record UserResponse(
    Guid UserId, Guid TeamId, string ClientUserId, string CreatedOn, IReadOnlyList<ConnectedSourceResponse> ConnectedSources,
    FallbackTimeZoneResponse? FallbackTimeZone, FallbackBirthDateResponse? FallbackBirthDate, string? IngestionStart, string? IngestionEnd)
{
    /// <summary>Junction's source slug of a value the customer set through the API.</summary>
    private const string SetByCustomer = "manual";

    public static UserResponse From(PatientUser user, HttpContext http) => new(
        user.UserId, user.TeamId, user.ClientUserId, ApiTime.Utc(user.CreatedAt),
        user.ConnectedSources.Select(s => new ConnectedSourceResponse(
            ProviderCatalog.Summary(s.Provider, http), ApiTime.Utc(s.CreatedAt), ProviderCatalog.Summary(s.Provider, http),
            s.Status.ToString().ToLowerInvariant())).ToList(),
        user is { FallbackTimeZone: { } zone, FallbackTimeZoneUpdatedAt: { } zoneAt } ? new FallbackTimeZoneResponse(zone, SetByCustomer, ApiTime.Utc(zoneAt)) : null,
        user is { FallbackBirthDate: { } birth, FallbackBirthDateUpdatedAt: { } birthAt } ? new FallbackBirthDateResponse(ApiTime.Date(birth), SetByCustomer, ApiTime.Utc(birthAt)) : null,
        user.IngestionStart is { } start ? ApiTime.Date(start) : null,
        user.IngestionEnd is { } end ? ApiTime.Date(end) : null);
}

/// <summary>Junction's <c>PaginatedUsersResponse</c>.</summary>
internal sealed record PaginatedUsersResponse(IReadOnlyList<UserResponse> Users, int Total, int Offset, int Limit);

/// <summary>Junction's <c>UserSuccessResponse</c>.</summary>
internal sealed record SuccessResponse(bool Success);

/// <summary>Junction's <c>ClientUserIDConflict</c>: a duplicate names the user who holds the id, so a client can recover it.</summary>
internal sealed record ClientUserIdConflict(string ErrorType, string ErrorMessage, Guid UserId, string CreatedOn);

internal sealed record ClientUserIdConflictResponse(ClientUserIdConflict Detail);

/// <summary>Junction's <c>/v2/user</c> calls, scoped to the caller's team.</summary>
internal static class UserEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/user", ListAsync).WithName("GetAllUsers")
            .Produces<PaginatedUsersResponse>().Produces<HttpValidationError>(422);
        api.MapPost("/v2/user", CreateAsync).WithName("CreateUser")
            .Produces<UserResponse>().Produces<ClientUserIdConflictResponse>(400).Produces<HttpValidationError>(422);
        api.MapGet("/v2/user/{user_id}", GetAsync).WithName("GetUser")
            .Produces<UserResponse>().Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapPatch("/v2/user/{user_id}", PatchAsync).WithName("PatchUser")
            .Produces(204).Produces<ErrorResponse>(400).Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapGet("/v2/user/resolve/{client_user_id}", ResolveAsync).WithName("ResolveUser")
            .Produces<UserResponse>().Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapDelete("/v2/user/{user_id}", DeleteAsync).WithName("DeleteUser")
            .Produces<SuccessResponse>().Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapPost("/v2/user/undo_delete", UndoDeleteAsync).WithName("UndoUserDelete")
            .Produces<SuccessResponse>().Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        api.MapDelete("/v2/user/{user_id}/{provider}", DeleteConnectionAsync).WithName("DeregisterProvider")
            .Produces<SuccessResponse>().Produces<ErrorResponse>(404).Produces<HttpValidationError>(422);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PatientDirectory users, CancellationToken ct, int offset = 0, int limit = 100)
    {
        if (offset < 0) return ApiProblems.Invalid("Input should be greater than or equal to 0", "greater_than_equal", "query", "offset");
        if (limit is < 1 or > MaxPageSize) return ApiProblems.Invalid($"Input should be between 1 and {MaxPageSize}", "less_than_equal", "query", "limit");
        var page = await users.ListAsync(http.ApiTeam().Id, offset, limit, ct);
        return Results.Ok(new PaginatedUsersResponse(page.Users.Select(u => UserResponse.From(u, http)).ToList(), page.Total, offset, limit));
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest? body, HttpContext http, PatientDirectory users, CancellationToken ct)
    {
        if (body is null) return ApiProblems.MissingBody();
        if (body.ClientUserId is null) return ApiProblems.Missing("body", "client_user_id");
        if (FieldsProblem(body.FallbackTimeZone, ("fallback_birth_date", body.FallbackBirthDate), ("ingestion_start", body.IngestionStart), ("ingestion_end", body.IngestionEnd)) is { } problem) return problem;
        var teamId = http.ApiTeam().Id;
        var (outcome, user) = await users.CreateAsync(teamId, body.ClientUserId,
            new UserFields(body.FallbackTimeZone, body.FallbackBirthDate, body.IngestionStart, body.IngestionEnd), ct);
        return outcome switch
        {
            CreateUserOutcome.Created => Results.Ok(UserResponse.From(user!, http)),
            CreateUserOutcome.DuplicateClientUserId => Results.Json(new ClientUserIdConflictResponse(new ClientUserIdConflict(
                "INVALID_REQUEST", "Client user id already exists.", user!.UserId, ApiTime.Utc(user.CreatedAt))), statusCode: 400),
            _ => ClientUserIdProblem(body.ClientUserId),
        };
    }

    private static async Task<IResult> PatchAsync([FromRoute(Name = "user_id")] Guid userId, PatchUserRequest? body, HttpContext http, PatientDirectory users, CancellationToken ct)
    {
        if (body is null) return ApiProblems.MissingBody();
        if (FieldsProblem(body.FallbackTimeZone, ("fallback_birth_date", body.FallbackBirthDate), ("ingestion_start", body.IngestionStart), ("ingestion_end", body.IngestionEnd)) is { } problem) return problem;
        var outcome = await users.UpdateAsync(http.ApiTeam().Id, userId, body.ClientUserId,
            new UserFields(body.FallbackTimeZone, body.FallbackBirthDate, body.IngestionStart, body.IngestionEnd), ct);
        return outcome switch
        {
            UpdateUserOutcome.Updated => Results.NoContent(),
            UpdateUserOutcome.NotFound => NoSuchUser(),
            UpdateUserOutcome.DuplicateClientUserId => ApiProblems.BadRequest($"Another user of this team already has client_user_id '{body.ClientUserId}'."),
            _ => ClientUserIdProblem(body.ClientUserId),
        };
    }

    private static async Task<IResult> GetAsync([FromRoute(Name = "user_id")] Guid userId, HttpContext http, PatientDirectory users, CancellationToken ct) =>
        await users.GetAsync(http.ApiTeam().Id, userId, ct) is { } user
            ? Results.Ok(UserResponse.From(user, http))
            : NoSuchUser();

    private static async Task<IResult> ResolveAsync([FromRoute(Name = "client_user_id")] string clientUserId, HttpContext http, PatientDirectory users, CancellationToken ct) =>
        await users.ResolveAsync(http.ApiTeam().Id, clientUserId, ct) is { } user
            ? Results.Ok(UserResponse.From(user, http))
            : ApiProblems.NotFound("No user with that client_user_id in this team.");

    private static async Task<IResult> DeleteAsync([FromRoute(Name = "user_id")] Guid userId, HttpContext http, PatientDirectory users, CancellationToken ct) =>
        await users.DeleteAsync(http.ApiTeam().Id, userId, ct)
            ? Results.Ok(new SuccessResponse(true))
            : NoSuchUser();

    private static async Task<IResult> UndoDeleteAsync(
        [FromQuery(Name = "user_id")] Guid? userId, [FromQuery(Name = "client_user_id")] string? clientUserId,
        HttpContext http, PatientDirectory users, CancellationToken ct)
    {
        if ((userId is null) == (clientUserId is null))
        {
            return ApiProblems.Invalid("Send exactly one of user_id and client_user_id.", "value_error", "query", userId is null ? "user_id" : "client_user_id");
        }
        return await users.UndoDeleteAsync(http.ApiTeam().Id, userId, clientUserId, ct)
            ? Results.Ok(new SuccessResponse(true))
            : ApiProblems.NotFound($"No user of this team was deleted in the last {PatientDirectory.DeletionGrace.TotalDays:0} days with that id.");
    }

    private static async Task<IResult> DeleteConnectionAsync([FromRoute(Name = "user_id")] Guid userId, string provider, HttpContext http, PatientDirectory users, CancellationToken ct)
    {
        if (!Providers.All.Contains(provider))
        {
            return ApiProblems.Invalid($"Input should be one of: {string.Join(", ", Providers.All)}.", "enum", "path", "provider");
        }
        return await users.DeleteConnectionAsync(http.ApiTeam().Id, userId, provider, ct)
            ? Results.Ok(new SuccessResponse(true))
            : ApiProblems.NotFound("No such connection for this user in this team.");
    }

    internal static IResult NoSuchUser() => ApiProblems.NotFound("No such user in this team.");

    private static IResult? FieldsProblem(string? fallbackTimeZone, params (string Field, DateOnly? Day)[] days)
    {
        if (fallbackTimeZone is not null && !PatientDirectory.IsTimeZone(fallbackTimeZone))
        {
            return ApiProblems.Invalid($"'{(fallbackTimeZone.Length > 64 ? fallbackTimeZone[..64] + "…" : fallbackTimeZone)}' is not an IANA time zone (e.g. Europe/London).", "value_error", "body", "fallback_time_zone");
        }
        foreach (var (field, day) in days)
        {
            if (day is { } d && !InputDates.IsPlausible(d)) return ApiProblems.Invalid(InputDates.Message, "value_error", "body", field);
        }
        return null;
    }

    private static IResult ClientUserIdProblem(string? given) =>
        given is not null && InputText.HasHiddenCharacters(given)
            ? ApiProblems.Invalid("client_user_id must not contain control characters, bidirectional controls or broken characters.", "value_error", "body", "client_user_id")
            : ApiProblems.Invalid($"client_user_id must be 1 to {PatientDirectory.MaxClientUserIdLength} characters.",
                string.IsNullOrWhiteSpace(given) ? "string_too_short" : "string_too_long", "body", "client_user_id");
}
