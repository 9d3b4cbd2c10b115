using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>The response bodies of the LibreLinkUp API, shaped like the real captures. Errors travel in <c>status</c> with HTTP 200.</summary>
internal static class Envelope
{
    public static IResult Json(object body, int httpStatus = StatusCodes.Status200OK) =>
        Results.Json(body, LibreJson.Options, statusCode: httpStatus);

    public static IResult Ok(object data, WireTicket? ticket = null) =>
        ticket is null ? Json(new { status = LibreStatus.Ok, data }) : Json(new { status = LibreStatus.Ok, data, ticket });

    public static IResult Error(int status, string message) => Json(new { status, error = new { message } });

    public static IResult NotAuthenticated() => Error(LibreStatus.NotAuthenticated, LibreStatus.NotAuthenticatedMessage);

    public static IResult IncorrectCode() => Error(LibreStatus.NotAuthenticated, LibreStatus.IncorrectCode);

    public static IResult CouldNotLoadPatient() => Error(LibreStatus.StepOrError, LibreStatus.CouldNotLoadPatient);

    public static IResult Redirect(string region) => Json(new { data = new { redirect = true, region }, status = LibreStatus.Ok });

    public static IResult Step(object step, object user, WireTicket ticket) =>
        Json(new { status = LibreStatus.StepOrError, data = new { step, user, authTicket = ticket } });

    /// <summary>The real lock-out answer (HTTP 429).</summary>
    public static IResult Locked(int failures, int interval, int lockout) => Json(new
    {
        status = LibreStatus.Locked,
        data = new { code = 60, data = new { failures, interval, lockout }, message = LibreStatus.LockedMessage },
    }, StatusCodes.Status429TooManyRequests);

    public static IResult Unauthorized() => Json(new { message = LibreStatus.Unauthorized }, StatusCodes.Status401Unauthorized);

    public static IResult RequiredHeaderMissing() => Json(new { message = LibreStatus.RequiredHeaderMissing }, StatusCodes.Status400BadRequest);

    /// <summary>The 2025 answer to an app version below the minimum (HTTP 403, status 920).</summary>
    public static IResult MinimumVersion(string minimum) =>
        Json(new { data = new { minimumVersion = minimum }, status = LibreStatus.MinimumVersion }, StatusCodes.Status403Forbidden);
}
