using LibreView.Client.Http;
using LibreView.Client.Parsing;
using LibreView.Regions;
using LibreView.Wire;
using Microsoft.Extensions.Options;

namespace LibreView.Client;

/// <summary>The typed HttpClient behind <see cref="ILibreViewClient"/>; the login half. Data calls are in LibreViewClient.Data.cs.</summary>
public sealed partial class LibreViewClient : ILibreViewClient
{
    private readonly LibreViewTransport _transport;
    private readonly TimeProvider _time;

    public LibreViewClient(HttpClient http, IOptions<LibreViewClientOptions> options, TimeProvider time)
    {
        _transport = new LibreViewTransport(http, options, time);
        _time = time;
    }

    private LibreViewClientOptions Options => _transport.Options;

    public async Task<LibreViewResult<LibreViewSession>> LoginAsync(LibreViewCredentials credentials, CancellationToken ct = default)
    {
        var region = LibreRegions.Normalize(credentials.Region ?? Options.DefaultRegion);
        var body = new WireLoginRequest(credentials.Email, credentials.Password, credentials.TrustedDeviceToken);
        for (var hop = 0; hop <= Options.MaxRedirects; hop++)
        {
            if (!Options.Serves(region)) return UnsupportedRegion(region);
            var (reply, error) = await _transport.SendAsync(HttpMethod.Post, region, "/llu/auth/login", body, null, null, ct);
            if (error is not null) return LibreViewResult<LibreViewSession>.Failure(error);
            var next = LoginReply.Read(reply!);
            if (next is LoginReply.Redirect redirect)
            {
                region = LibreRegions.Normalize(redirect.Region);
                continue;
            }
            return await FollowAsync(region, next, credentials.TrustedDeviceToken, ct);
        }
        return LibreViewResult<LibreViewSession>.Failure(ReplyErrors.Api("LibreView redirected too many times"));
    }

    public async Task<LibreViewResult<LibreViewSession>> CompleteMfaAsync(MfaChallenge challenge, string code, CancellationToken ct = default)
    {
        var (reply, error) = await _transport.SendAsync(
            HttpMethod.Post, challenge.Region, "/auth/continue/2fa", new WireCodeRequest(code.Trim()), challenge.StepToken, null, ct);
        if (error is not null) return LibreViewResult<LibreViewSession>.Failure(error);
        return await FollowAsync(challenge.Region, LoginReply.Read(reply!), null, ct);
    }

    /// <summary>Walks the login steps: accepts documents, stops at two-factor or an expired password.</summary>
    private async Task<LibreViewResult<LibreViewSession>> FollowAsync(string region, LoginReply reply, string? trustedDevice, CancellationToken ct)
    {
        while (true)
        {
            switch (reply)
            {
                case LoginReply.Authenticated ok:
                    return LibreViewResult<LibreViewSession>.Success(
                        WireMapper.ToSession(region, ok.User, ok.Ticket, ok.TrustedDeviceToken ?? trustedDevice), null);
                case LoginReply.Failed failed:
                    return LibreViewResult<LibreViewSession>.Failure(failed.Error);
                case LoginReply.Redirect:
                    return LibreViewResult<LibreViewSession>.Failure(ReplyErrors.Api("LibreView redirected in the middle of a login"));
                case LoginReply.Step { Value.Type: LibreStatus.StepPasswordExpired }:
                    return LibreViewResult<LibreViewSession>.Failure(new LibreViewError(LibreViewErrorKind.PasswordExpired,
                        "The LibreView password has expired; change it in the LibreLink app or on LibreView, then connect again"));
                case LoginReply.Step { Ticket: null } step:
                    return LibreViewResult<LibreViewSession>.Failure(ReplyErrors.Api($"LibreView sent the step '{step.Value.Type}' without a ticket"));
                case LoginReply.Step { Value.Type: LibreStatus.StepTwoFactor } mfa:
                    var challenge = WireMapper.ToChallenge(region, mfa.Value, mfa.Ticket!);
                    return LibreViewResult<LibreViewSession>.Failure(new LibreViewError(LibreViewErrorKind.MfaRequired,
                        $"LibreView sent a verification code by {challenge.Method} to {challenge.Hint}") { Mfa = challenge });
                case LoginReply.Step { Value.Type: LibreStatus.StepTermsOfUse or LibreStatus.StepPrivacyPolicy } document:
                    var (next, error) = await _transport.SendAsync(
                        HttpMethod.Post, region, $"/auth/continue/{document.Value.Type}", null, document.Ticket!.Token, null, ct);
                    if (error is not null) return LibreViewResult<LibreViewSession>.Failure(error);
                    reply = LoginReply.Read(next!);
                    break;
                case LoginReply.Step other:
                    return LibreViewResult<LibreViewSession>.Failure(ReplyErrors.Api($"LibreView asked for an unsupported login step '{other.Value.Type}'"));
                default:
                    throw new InvalidOperationException($"Unknown login reply {reply}");
            }
        }
    }

    private static LibreViewResult<LibreViewSession> UnsupportedRegion(string region) =>
        LibreViewResult<LibreViewSession>.Failure(new LibreViewError(LibreViewErrorKind.UnsupportedRegion, $"The LibreView region '{region}' is not supported"));
}
