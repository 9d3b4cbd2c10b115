using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>The one place that turns LibreView's failure signals (reference §6) into typed errors.</summary>
internal static class ReplyErrors
{
    /// <summary>A shared error of a JSON envelope, or null when the reply is a normal envelope to interpret further.</summary>
    public static LibreViewError? Common(LibreReply reply)
    {
        if (reply.Status == LibreStatus.Locked || (reply.HttpStatus == 429 && reply.ErrorMessage == LibreStatus.LockedMessage))
            return LockedOut(reply);
        if (reply.HttpStatus == 429)
            return AccountThrottled("LibreView is rate limiting this account (HTTP 429)");
        if (reply.Status == LibreStatus.Maintenance)
            return RegionBlocked("LibreView answered status 911 (maintenance, or the wrong regional server)");
        if (reply.HttpStatus == 401)
            return new LibreViewError(LibreViewErrorKind.SessionExpired, "The LibreView ticket is no longer valid");
        if (reply.ErrorMessage is LibreStatus.RequiredHeaderMissing or LibreStatus.ProductMismatch)
            return new LibreViewError(LibreViewErrorKind.ClientDefect, $"LibreView refused our request: {reply.ErrorMessage}");
        if (reply.HttpStatus is < 200 or > 299)
            return Api($"LibreView answered HTTP {reply.HttpStatus}");
        if (reply.Status == LibreStatus.StepOrError && reply.ErrorMessage == LibreStatus.CouldNotLoadPatient)
            return new LibreViewError(LibreViewErrorKind.PatientNotFound, "LibreView could not load the patient");
        return null;
    }

    /// <summary>
    /// An answer that is not a JSON envelope. Cloudflare's pages (403 "Attention Required", 429, error 1015) and
    /// the empty 430 block the region; a 429 that is not Cloudflare's ("Too Many Requests", §6) limits the account;
    /// anything else is an unexpected answer.
    /// </summary>
    public static LibreViewError NotEnvelope(int httpStatus, string body)
    {
        var cloudflare = body.Contains("cloudflare", StringComparison.OrdinalIgnoreCase);
        if (httpStatus == 430) return RegionBlocked("LibreView blocked this client (HTTP 430)");
        if (body.Contains("1015", StringComparison.Ordinal) && cloudflare)
            return RegionBlocked("Cloudflare rate-limited this client (error 1015)");
        if (httpStatus is 403 or 429 && cloudflare)
            return RegionBlocked($"Cloudflare blocked this client (HTTP {httpStatus})");
        if (httpStatus == 429)
            return AccountThrottled("LibreView is rate limiting this account (HTTP 429, not Cloudflare's page)");
        return httpStatus is >= 200 and <= 299
            ? Api($"LibreView sent a body that is not a complete JSON envelope (HTTP {httpStatus})")
            : Api($"LibreView answered HTTP {httpStatus}");
    }

    public static LibreViewError RegionBlocked(string message) => new(LibreViewErrorKind.RegionBlocked, message);

    public static LibreViewError AccountThrottled(string message) => new(LibreViewErrorKind.AccountThrottled, message);

    public static LibreViewError Api(string message) => new(LibreViewErrorKind.ProviderApiError, message);

    /// <summary>The lock-out body gives its length in seconds; we wait at least 5 minutes whatever it says (§2.5).</summary>
    private static LibreViewError LockedOut(LibreReply reply)
    {
        var minimum = TimeSpan.FromMinutes(5);
        var lockout = reply.DataProperty("data") is { ValueKind: JsonValueKind.Object } inner
                      && inner.TryGetProperty("lockout", out var l) && l.TryGetInt32(out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : minimum;
        return new LibreViewError(LibreViewErrorKind.LockedOut, "Too many failed logins; the LibreView account is locked")
        {
            RetryAfter = lockout > minimum ? lockout : minimum,
        };
    }
}
