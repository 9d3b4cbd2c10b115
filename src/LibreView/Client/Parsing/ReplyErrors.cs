using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>The one place that turns transport-level answers (HTTP status, header errors, lock-out) into errors.</summary>
internal static class ReplyErrors
{
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromSeconds(60);

    /// <summary>An error every endpoint shares, or null when the reply is a normal envelope to interpret further.</summary>
    public static LibreViewError? Common(LluReply reply)
    {
        if (reply.HttpStatus == 429 || reply.Status == LibreStatus.Locked)
            return reply.ErrorMessage == LibreStatus.LockedMessage ? LockedOut(reply) : RateLimited(reply.RetryAfter);
        if (reply.Status == LibreStatus.MinimumVersion)
            return Api($"LibreView refused this app version; minimum is {reply.DataProperty("minimumVersion")?.GetString() ?? "unknown"}");
        if (reply.HttpStatus == 401)
            return new LibreViewError(LibreViewErrorKind.SessionExpired, "The LibreView ticket is no longer valid");
        if (reply.ErrorMessage == LibreStatus.RequiredHeaderMissing)
            return Api("LibreView says a required header is missing");
        if (reply.HttpStatus is < 200 or > 299)
            return Api($"LibreView answered HTTP {reply.HttpStatus}");
        if (reply.Status == LibreStatus.StepOrError && reply.ErrorMessage == LibreStatus.CouldNotLoadPatient)
            return new LibreViewError(LibreViewErrorKind.PatientNotFound, "LibreView could not load the patient");
        return null;
    }

    public static LibreViewError RateLimited(TimeSpan? retryAfter) =>
        new(LibreViewErrorKind.RateLimited, "LibreView is rate limiting this client") { RetryAfter = retryAfter ?? DefaultRateLimitWait };

    public static LibreViewError Api(string message) => new(LibreViewErrorKind.ProviderApiError, message);

    public static LibreViewError Malformed(int httpStatus) =>
        Api($"LibreView sent a body that is not a complete JSON envelope (HTTP {httpStatus})");

    private static LibreViewError LockedOut(LluReply reply)
    {
        var lockout = reply.DataProperty("data") is { ValueKind: JsonValueKind.Object } inner
                      && inner.TryGetProperty("lockout", out var l) && l.TryGetInt32(out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : reply.RetryAfter ?? TimeSpan.FromMinutes(5);
        return new LibreViewError(LibreViewErrorKind.LockedOut, "Too many failed logins; the LibreView account is locked") { RetryAfter = lockout };
    }
}
