using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>
/// The response bodies of the LibreView web API, shaped like the real captures (reference §2.2, §6). Application
/// errors travel in <c>status</c> with HTTP 200.
/// </summary>
internal static class Envelope
{
    public static IResult Json(object body, int httpStatus = StatusCodes.Status200OK) =>
        Results.Json(body, LibreJson.Options, statusCode: httpStatus);

    public static IResult Ok(object data, WireTicket? ticket = null) =>
        ticket is null ? Json(new { status = LibreStatus.Ok, data }) : Json(new { status = LibreStatus.Ok, data, ticket });

    public static IResult Error(int status, string message) => Json(new { status, error = new { message } });

    public static IResult NotAuthenticated() => Error(LibreStatus.NotAuthenticated, LibreStatus.NotAuthenticatedMessage);

    // assumed: no public capture shows the answer to a wrong two-factor code (§9, §10 Q2)
    public static IResult IncorrectCode() => Error(LibreStatus.NotAuthenticated, LibreStatus.IncorrectCode);

    public static IResult CouldNotLoadPatient() => Error(LibreStatus.StepOrError, LibreStatus.CouldNotLoadPatient);

    /// <summary>The web redirect carries <c>country</c> and <c>uiLanguage</c> besides <c>redirect</c> and <c>region</c> (§1.2).</summary>
    public static IResult Redirect(string region, string country) =>
        Json(new { status = LibreStatus.Ok, data = new { country, redirect = true, region, uiLanguage = "en-US" } });

    public static IResult Step(object step, object user, WireTicket ticket) =>
        Json(new { status = LibreStatus.StepOrError, data = new { step, user, authTicket = ticket } });

    /// <summary>The real lock-out answer (HTTP 429).</summary>
    public static IResult Locked(int failures, int interval, int lockout) => Json(new
    {
        status = LibreStatus.Locked,
        data = new { code = 60, data = new { failures, interval, lockout }, message = LibreStatus.LockedMessage },
    }, StatusCodes.Status429TooManyRequests);

    public static IResult ExpiredJwt() => Json(new { message = LibreStatus.InvalidOrExpiredJwt }, StatusCodes.Status401Unauthorized);

    public static IResult RequiredHeaderMissing() => Json(new { message = LibreStatus.RequiredHeaderMissing }, StatusCodes.Status400BadRequest);

    public static IResult ProductMismatch() => Json(new { message = LibreStatus.ProductMismatch }, StatusCodes.Status400BadRequest);

    public static IResult Maintenance() => Json(new { status = LibreStatus.Maintenance });
}
