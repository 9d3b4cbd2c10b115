using System.Text.Json;
using LibreView.Wire;

namespace LibreView.Client.Parsing;

/// <summary>What a login-shaped answer (login, or a continued step) asks the client to do next.</summary>
internal abstract record LoginReply
{
    public sealed record Redirect(string Region) : LoginReply;
    public sealed record Authenticated(WireUser User, WireTicket Ticket, string? TrustedDeviceToken) : LoginReply;
    public sealed record Step(WireStep Value, WireTicket? Ticket) : LoginReply;
    public sealed record Failed(LibreViewError Error) : LoginReply;

    public static LoginReply Read(LluReply reply)
    {
        if (ReplyErrors.Common(reply) is { } common) return new Failed(common);
        switch (reply.Status)
        {
            case LibreStatus.NotAuthenticated:
                return new Failed(reply.ErrorMessage == LibreStatus.IncorrectCode
                    ? new LibreViewError(LibreViewErrorKind.IncorrectMfaCode, "The two-factor code is not correct")
                    : new LibreViewError(LibreViewErrorKind.CredentialError, "LibreView did not accept the email or password"));
            case LibreStatus.Ok when reply.DataProperty("redirect") is { ValueKind: JsonValueKind.True }:
                return new Redirect(reply.DataProperty("region")?.GetString() ?? "");
            case LibreStatus.Ok when reply.DataProperty("user") is { } user && reply.DataProperty("authTicket") is { } ticket:
                return new Authenticated(
                    user.Deserialize<WireUser>(LibreJson.Options)!,
                    ticket.Deserialize<WireTicket>(LibreJson.Options)!,
                    NullIfEmpty(reply.DataProperty("trustedDeviceToken")?.GetString()));
            case LibreStatus.StepOrError when reply.DataProperty("step") is { } step:
                return new Step(
                    step.Deserialize<WireStep>(LibreJson.Options)!,
                    reply.DataProperty("authTicket")?.Deserialize<WireTicket>(LibreJson.Options));
            default:
                return new Failed(ReplyErrors.Api(
                    $"Unexpected login answer: status {reply.Status?.ToString() ?? "none"}, {reply.ErrorMessage ?? "no message"}"));
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
