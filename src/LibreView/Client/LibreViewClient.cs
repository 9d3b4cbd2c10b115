using LibreView.Client.Http;
using LibreView.Client.Parsing;
using LibreView.Regions;
using LibreView.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LibreView.Client;

/// <summary>The typed HttpClient behind <see cref="ILibreViewClient"/>; the login half (reference §2). Data calls are in LibreViewClient.Data.cs.</summary>
public sealed partial class LibreViewClient : ILibreViewClient
{
    private readonly LibreViewTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger<LibreViewClient> _log;

    public LibreViewClient(HttpClient http, IOptions<LibreViewClientOptions> options, TimeProvider time, ILogger<LibreViewClient>? log = null)
    {
        _transport = new LibreViewTransport(http, options);
        _time = time;
        _log = log ?? NullLogger<LibreViewClient>.Instance;
    }

    private LibreViewClientOptions Options => _transport.Options;

    public async Task<LibreViewResult<LibreViewSession>> LoginAsync(LibreViewCredentials credentials, LoginPurpose purpose, CancellationToken ct = default)
    {
        var region = LibreViewApiRegions.Normalize(credentials.Region ?? Options.DefaultRegion);
        var body = new WireLoginRequest(credentials.Email, credentials.Password, credentials.TrustedDeviceToken);
        for (var hop = 0; hop <= Options.MaxRedirects; hop++)
        {
            if (!Options.Serves(region)) return UnsupportedRegion(region);
            var (reply, error) = await _transport.SendAsync(HttpMethod.Post, region, "/auth/login", body, null, null, ct);
            if (error is not null) return Failed(error);
            var next = LoginReply.Read(reply!);
            if (next is LoginReply.Redirect redirect)
            {
                region = LibreViewApiRegions.Normalize(redirect.Region);
                continue;
            }
            return await FollowAsync(region, next, purpose, credentials.TrustedDeviceToken, [], ct);
        }
        return Failed(ReplyErrors.Api("LibreView redirected too many times"));
    }

    public async Task<LibreViewResult<MfaChallenge>> SendCodeAsync(MfaChallenge challenge, bool usePrimaryMethod, CancellationToken ct = default)
    {
        var target = usePrimaryMethod ? challenge.Primary : challenge.Secondary;
        if (target is null)
            return LibreViewResult<MfaChallenge>.Failure(ReplyErrors.Api("The LibreView account has no second way to receive a code"));
        var (reply, error) = await _transport.SendAsync(HttpMethod.Post, challenge.Region, "/auth/continue/2fa/sendcode",
            new WireSendCodeRequest(usePrimaryMethod), challenge.StepToken, null, ct);
        error ??= ReplyErrors.Common(reply!) ?? (reply!.Status == LibreStatus.Ok ? null
            : ReplyErrors.Api($"LibreView did not send the code: status {reply.Status?.ToString() ?? "none"} {reply.ErrorMessage}"));
        if (error is not null) return LibreViewResult<MfaChallenge>.Failure(error);
        var ticket = reply!.Ticket;
        return LibreViewResult<MfaChallenge>.Success(challenge with
        {
            StepToken = ticket?.Token ?? challenge.StepToken,
            ExpiresAt = ticket is null ? challenge.ExpiresAt : DateTimeOffset.FromUnixTimeSeconds(ticket.Expires),
            Method = target.Method,
            Hint = target.Hint,
            UsesPrimaryMethod = usePrimaryMethod,
        }, null);
    }

    public async Task<LibreViewResult<LibreViewSession>> CompleteMfaAsync(MfaChallenge challenge, string code, CancellationToken ct = default)
    {
        var (reply, error) = await _transport.SendAsync(HttpMethod.Post, challenge.Region, "/auth/continue/2fa/result",
            new WireCodeRequest(code.Trim(), challenge.UsesPrimaryMethod, Options.RememberDevice), challenge.StepToken, null, ct);
        if (error is not null) return Failed(error);
        var next = LoginReply.Read(reply!);
        // A stale or wrong code: LibreView's answer is not public (§2.3 row 6); anything but success is "code rejected".
        if (next is LoginReply.Failed { Error.Kind: LibreViewErrorKind.CredentialError or LibreViewErrorKind.SessionExpired or LibreViewErrorKind.ProviderApiError })
            return Failed(new LibreViewError(LibreViewErrorKind.IncorrectMfaCode, "LibreView did not accept the two-factor code"));
        return await FollowAsync(challenge.Region, next, LoginPurpose.Interactive, null, challenge.AcceptedDocuments, ct);
    }

    /// <summary>Walks the login steps (§2.2): accepts documents for a person who is here, sends a two-factor code, stops at anything else.</summary>
    private async Task<LibreViewResult<LibreViewSession>> FollowAsync(
        string region, LoginReply reply, LoginPurpose purpose, string? trustedDevice, IReadOnlyList<string> accepted, CancellationToken ct)
    {
        var documents = accepted.ToList();
        for (var steps = 0; steps <= Options.MaxLoginSteps; steps++)
        {
            switch (reply)
            {
                case LoginReply.Authenticated ok:
                    return await SignedInAsync(region, ok, trustedDevice, documents, ct);
                case LoginReply.Failed failed:
                    return Failed(failed.Error);
                case LoginReply.Redirect:
                    return Failed(ReplyErrors.Api("LibreView redirected in the middle of a login"));
                case LoginReply.Step { Type: LibreStatus.StepPasswordExpired }:
                    return Failed(new LibreViewError(LibreViewErrorKind.PasswordExpired,
                        "The LibreView password has expired; change it in the LibreLink app or on LibreView, then connect again"));
                case LoginReply.Step step when purpose == LoginPurpose.Unattended:
                    return Failed(new LibreViewError(LibreViewErrorKind.ReauthenticationRequired, step.Type switch
                    {
                        LibreStatus.StepTwoFactor => "LibreView asks for a two-factor code (the trusted device has expired); the patient must connect again",
                        LibreStatus.StepTermsOfUse or LibreStatus.StepPrivacyPolicy => "LibreView asks to accept new terms; the patient must connect again",
                        _ => $"LibreView asks for the login step '{step.Type}'; the patient must connect again",
                    }));
                case LoginReply.Step { Type: LibreStatus.StepTwoFactor } mfa:
                    return await SendFirstCodeAsync(region, mfa, documents, ct);
                case LoginReply.Step { Type: LibreStatus.StepTermsOfUse or LibreStatus.StepPrivacyPolicy } document:
                    var (next, error) = await _transport.SendAsync(
                        HttpMethod.Post, region, $"/auth/continue/{document.Type}", new { }, document.Ticket.Token, null, ct);
                    if (error is not null) return Failed(error);
                    documents.Add(document.Type);
                    reply = LoginReply.Read(next!);
                    break;
                case LoginReply.Step { Type: LibreStatus.StepVerifyEmail }:
                    return Failed(new LibreViewError(LibreViewErrorKind.AccountActionRequired,
                        "LibreView asks to confirm the account's e-mail address: open the link LibreView e-mailed, then sign in again"));
                case LoginReply.Step other:
                    return Failed(new LibreViewError(LibreViewErrorKind.AccountActionRequired,
                        $"LibreView asks for a login step this product does not know ('{other.Type}'); sign in on libreview.com once, then try again"));
            }
        }
        return Failed(ReplyErrors.Api("LibreView asked for too many login steps"));
    }

    /// <summary>A <c>2faVerify</c> step sends no code by itself (§2.3): ask for one by the primary method.</summary>
    private async Task<LibreViewResult<LibreViewSession>> SendFirstCodeAsync(string region, LoginReply.Step step, List<string> documents, CancellationToken ct)
    {
        var primary = Target(step, "primaryMethod", "primaryValue");
        if (primary is null) return Failed(ReplyErrors.Api("LibreView asked for two-factor without a method"));
        var challenge = new MfaChallenge(region, step.Ticket.Token, DateTimeOffset.FromUnixTimeSeconds(step.Ticket.Expires),
            primary.Method, primary.Hint, true, primary, Target(step, "secondaryMethod", "secondaryValue"), documents);
        var sent = await SendCodeAsync(challenge, usePrimaryMethod: true, ct);
        if (!sent.IsSuccess) return Failed(sent.Error);
        var message = $"LibreView sent a verification code by {sent.Value.Method} to {sent.Value.Hint}";
        return Failed(new LibreViewError(LibreViewErrorKind.MfaRequired, message) { Mfa = sent.Value });
    }

    /// <summary>LibreView calls SMS <c>phone</c>.</summary>
    private static MfaTarget? Target(LoginReply.Step step, string methodKey, string valueKey) =>
        LoginReply.PropString(step.Props, methodKey) is { Length: > 0 } method
            ? new MfaTarget(method == "email" ? "email" : "sms", LoginReply.PropString(step.Props, valueKey) ?? "")
            : null;

    private async Task<LibreViewResult<LibreViewSession>> SignedInAsync(
        string region, LoginReply.Authenticated ok, string? trustedDevice, List<string> documents, CancellationToken ct)
    {
        var issued = ok.TrustedDeviceToken is not null && ok.TrustedDeviceToken != trustedDevice;
        var session = new LibreViewSession(region, ok.Ticket.Token, DateTimeOffset.FromUnixTimeSeconds(ok.Ticket.Expires), ok.UserId ?? "",
            ok.UserId is null ? "" : AccountId.FromUserId(ok.UserId),
            ok.TrustedDeviceToken ?? trustedDevice,
            issued ? _time.GetUtcNow() : null,
            documents.Count == 0 ? null : documents,
            ok.Person);
        if (ok.UserId is not null) return LibreViewResult<LibreViewSession>.Success(session, session);

        // Some web logins leave user.id out (§2.2); GET /user has it.
        var account = await GetAccountAsync(session, null, ct);
        if (!account.IsSuccess) return Failed(account.Error);
        var withId = (account.Session ?? session) with
        {
            UserId = account.Value.UserId,
            AccountId = AccountId.FromUserId(account.Value.UserId),
            Person = session.Person ?? account.Value.Person,
        };
        return LibreViewResult<LibreViewSession>.Success(withId, withId);
    }

    private static LibreViewResult<LibreViewSession> Failed(LibreViewError error) => LibreViewResult<LibreViewSession>.Failure(error);

    private static LibreViewResult<LibreViewSession> UnsupportedRegion(string region) =>
        Failed(new LibreViewError(LibreViewErrorKind.UnsupportedRegion, $"The LibreView region '{region}' is not supported"));
}
