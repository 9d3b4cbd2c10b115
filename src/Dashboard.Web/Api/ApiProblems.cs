namespace Dashboard.Web.Api;

/// <summary>The 4xx ProblemDetails answers of the API, each with a machine-readable <c>error_type</c>.</summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail, string errorType = "INVALID_REQUEST") =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail, errorType);

    public static IResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail, "UNAUTHORIZED");

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "Not found", detail, "NOT_FOUND");

    public static IResult Unprocessable(string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", detail, "VALIDATION_ERROR")
            : Results.ValidationProblem(errors, detail, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["error_type"] = "VALIDATION_ERROR" });

    private static IResult Problem(int status, string title, string detail, string errorType) =>
        Results.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["error_type"] = errorType });
}
