using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>What a login-shaped answer (login, a continued step, the two-factor result) asks the client to do next.</summary>
internal abstract record LoginReply
{
    public sealed record Redirect(string Region) : LoginReply;
    /// <param name="UserId">Null when LibreView left <c>user.id</c> out; the client then asks <c>GET /user</c> (§2.2).</param>
    public sealed record Authenticated(string? UserId, WireTicket Ticket, string? TrustedDeviceToken, LibreViewPerson? Person = null) : LoginReply;
    public sealed record Step(string Type, JsonElement Props, WireTicket Ticket) : LoginReply;
    public sealed record Failed(LibreViewError Error) : LoginReply;

    public static LoginReply Read(LibreReply reply)
    {
        if (ReplyErrors.Common(reply) is { } common) return new Failed(common);
        switch (reply.Status)
        {
            case LibreStatus.NotAuthenticated when reply.ErrorMessage == LibreStatus.IncorrectCode:
                return new Failed(new LibreViewError(LibreViewErrorKind.IncorrectMfaCode, "LibreView did not accept the two-factor code"));
            case LibreStatus.NotAuthenticated:
                return new Failed(new LibreViewError(LibreViewErrorKind.CredentialError, "LibreView did not accept the email or password"));
            case LibreStatus.Ok when reply.DataProperty("redirect") is { ValueKind: JsonValueKind.True }:
                return new Redirect(reply.DataProperty("region")?.GetString() ?? "");
            case LibreStatus.Ok when reply.DataProperty("authTicket") is { } ticket && LibreReply.ReadTicket(ticket) is { } t:
                return new Authenticated(UserIdOf(reply), t, TrustedDeviceTokenOf(reply), reply.DataProperty("user") is { } user ? PersonReader.Read(user, "dateOfBirth") : null);
            case LibreStatus.StepOrError when reply.DataProperty("step") is { ValueKind: JsonValueKind.Object } step
                                             && reply.DataProperty("authTicket") is { } stepTicket
                                             && LibreReply.ReadTicket(stepTicket) is { } st:
                return new Step(
                    step.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
                    step.TryGetProperty("props", out var props) ? props.Clone() : default,
                    st);
            default:
                return new Failed(ReplyErrors.Api(
                    $"Unexpected login answer: status {reply.Status?.ToString() ?? "none"}, {reply.ErrorMessage ?? "no message"}"));
        }
    }

    private static string? UserIdOf(LibreReply reply) =>
        reply.DataProperty("user") is { ValueKind: JsonValueKind.Object } user && user.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>Where the trusted-device token comes is assumed (§10 Q3): <c>data</c>, <c>data.user</c> or the top level.</summary>
    private static string? TrustedDeviceTokenOf(LibreReply reply)
    {
        static string? Read(JsonElement? e) =>
            e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("trustedDeviceToken", out var t)
            && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s ? s : null;
        return Read(reply.Data) ?? Read(reply.DataProperty("user")) ?? Read(reply.Root);
    }

    public static string? PropString(JsonElement props, string name) =>
        props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
