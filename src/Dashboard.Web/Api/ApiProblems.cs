namespace Dashboard.Web.Api;

/// <summary>One FastAPI validation error: where (<c>["body", "client_user_id"]</c>), what, and its machine-readable type.</summary>
internal sealed record ValidationErrorItem(IReadOnlyList<object> Loc, string Msg, string Type);

internal sealed record HttpValidationError(IReadOnlyList<ValidationErrorItem> Detail);

/// <summary>The <c>detail</c> of every other API error: a machine-readable type and a sentence for the developer.</summary>
internal sealed record ErrorDetail(string ErrorType, string ErrorMessage);

internal sealed record ErrorResponse(ErrorDetail Detail);

/// <summary>
/// Junction's error envelope, the one shape of every API error: <c>{"detail": {error_type, error_message}}</c>, and
/// for malformed or missing input FastAPI's 422 <c>{"detail": [{loc, msg, type}]}</c>.
/// </summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail, string errorType = "INVALID_REQUEST") =>
        Error(StatusCodes.Status400BadRequest, errorType, detail);

    public static IResult Unauthorized(string detail) =>
        Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", detail);

    public static IResult Forbidden(string detail) =>
        Error(StatusCodes.Status403Forbidden, "FORBIDDEN", detail);

    public static IResult NotFound(string detail) =>
        Error(StatusCodes.Status404NotFound, "NOT_FOUND", detail);

    /// <summary>A 422 for one field: <paramref name="loc"/> as FastAPI writes it, e.g. <c>["body", "client_secret"]</c>.</summary>
    public static IResult Invalid(string message, string type, params object[] loc) =>
        Results.Json(new HttpValidationError([new ValidationErrorItem(loc, message, type)]), statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>A required field that is absent (or null): FastAPI's <c>missing</c>.</summary>
    public static IResult Missing(string where, string field) => Invalid("Field required", "missing", where, field);

    /// <summary>A required body that is absent.</summary>
    public static IResult MissingBody() => Invalid("Field required", "missing", "body");

    public static IResult Error(int status, string errorType, string message) =>
        Results.Json(new ErrorResponse(new ErrorDetail(errorType, message)), statusCode: status);
}
