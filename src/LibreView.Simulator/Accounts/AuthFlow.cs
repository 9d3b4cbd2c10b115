using System.Security.Cryptography;
using LibreView.Simulator.Endpoints;
using LibreView.Wire;

namespace LibreView.Simulator.Accounts;

/// <summary>
/// The login state machine: password and lock-out, region redirect, then the steps
/// passwordExpired → two-factor → terms of use → privacy policy → authenticated.
/// </summary>
internal sealed class AuthFlow(SimulatorState state)
{
    private SimulatorSettings Settings => state.Settings;

    public IResult Login(string region, WireLoginRequest request)
    {
        var account = state.FindByEmail(request.Email);
        if (account is null) return Envelope.NotAuthenticated();

        var refusal = state.WithAccount(account, a => CheckPassword(a, request.Password));
        if (refusal is not null) return refusal;
        if (account.Region != region) return Envelope.Redirect(account.Region);

        var trusted = request.TrustedDeviceToken is { Length: > 0 } device
                      && state.WithAccount(account, a => a.TrustedDevices.Contains(device));
        return Next(account, region, trusted);
    }

    /// <summary>Continues a step with its step ticket: accepts a document or checks the two-factor code.</summary>
    public IResult Continue(string region, string step, TicketClaims claims, SimAccount account, WireCodeRequest? code)
    {
        switch (step)
        {
            case LibreStatus.StepTermsOfUse:
                state.WithAccount(account, a => a.TermsAccepted = true);
                return Next(account, region, claims.MfaPassed);
            case LibreStatus.StepPrivacyPolicy:
                state.WithAccount(account, a => a.PrivacyPolicyAccepted = true);
                return Next(account, region, claims.MfaPassed);
            case LibreStatus.StepTwoFactor:
                var expected = state.WithAccount(account, a => a.LastMfaCode);
                if (code is null || expected is null || !CryptographicOperations.FixedTimeEquals(
                        System.Text.Encoding.UTF8.GetBytes(code.Code.Trim()), System.Text.Encoding.UTF8.GetBytes(expected)))
                    return Envelope.IncorrectCode();
                return Next(account, region, mfaPassed: true);
            default:
                return Envelope.Unauthorized();
        }
    }

    /// <summary>A full or step ticket for the account.</summary>
    public WireTicket Issue(SimAccount account, string region, string? step, bool mfaPassed)
    {
        var lifetime = step is null ? Settings.TicketLifetime : Settings.StepTicketLifetime;
        var expires = state.Now.Add(lifetime).ToUnixTimeSeconds();
        var generation = state.WithAccount(account, a => a.Generation);
        var token = state.Tickets.Encode(new TicketClaims(account.Id, region, step, mfaPassed, generation, expires,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))));
        return new WireTicket(token, expires, (long)lifetime.TotalMilliseconds);
    }

    /// <summary>The account behind a bearer ticket, if the ticket is valid here and grants <paramref name="step"/> (null: full access).</summary>
    public (SimAccount? Account, TicketClaims? Claims) Authenticate(HttpContext context, string region, string? step)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (null, null);
        var claims = state.Tickets.Decode(header["Bearer ".Length..].Trim());
        if (claims is null || claims.Step != step || claims.Region != region || claims.Expires <= state.Now.ToUnixTimeSeconds())
            return (null, null);
        var account = state.FindById(claims.UserId);
        if (account is null || state.WithAccount(account, a => a.Generation) != claims.Generation) return (null, null);
        return (account, claims);
    }

    private IResult? CheckPassword(SimAccount a, string password)
    {
        var now = state.Now;
        if (a.LockedUntil > now) return LockedAnswer(a);
        if (a.Password == password)
        {
            a.RecentFailures.Clear();
            return null;
        }
        a.RecentFailures.RemoveAll(t => now - t >= TimeSpan.FromSeconds(Settings.LockoutIntervalSeconds));
        a.RecentFailures.Add(now);
        if (a.RecentFailures.Count < Settings.LockoutFailures) return Envelope.NotAuthenticated();
        a.LockedUntil = now.AddSeconds(Settings.LockoutSeconds);
        return LockedAnswer(a);
    }

    private IResult LockedAnswer(SimAccount a) =>
        Envelope.Locked(Math.Max(a.RecentFailures.Count, Settings.LockoutFailures), Settings.LockoutIntervalSeconds, Settings.LockoutSeconds);

    private IResult Next(SimAccount account, string region, bool mfaPassed)
    {
        var (expired, mfa, tou, pp) = state.WithAccount(account, a =>
            (a.PasswordExpiresAt <= state.Now, a.Mfa != MfaMethods.None, a.TermsAccepted, a.PrivacyPolicyAccepted));
        if (expired)
            return StepAnswer(account, region, LibreStatus.StepPasswordExpired, "ResetPassword", new { reason = "passwordExpired" }, mfaPassed);
        if (mfa && !mfaPassed)
            return StepAnswer(account, region, LibreStatus.StepTwoFactor, "TwoFactorVerify", SendCode(account), mfaPassed);
        if (!tou)
            return StepAnswer(account, region, LibreStatus.StepTermsOfUse, "AcceptDocument",
                new { reaccept = true, titleKey = "Common.termsOfUse", type = LibreStatus.StepTermsOfUse }, mfaPassed);
        if (!pp)
            return StepAnswer(account, region, LibreStatus.StepPrivacyPolicy, "AcceptDocument",
                new { reaccept = true, titleKey = "Common.privacyPolicy", type = LibreStatus.StepPrivacyPolicy }, mfaPassed);

        var trustedDevice = mfa ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : "";
        if (mfa) state.WithAccount(account, a => a.TrustedDevices.Add(trustedDevice));
        return Envelope.Ok(LoginPayloads.Authenticated(account, Issue(account, region, null, mfaPassed), trustedDevice, state.Now));
    }

    private IResult StepAnswer(SimAccount account, string region, string type, string component, object props, bool mfaPassed) =>
        Envelope.Step(new { type, componentName = component, props }, LoginPayloads.StepUser(account), Issue(account, region, type, mfaPassed));

    /// <summary>"Sends" a new six-digit code; <c>GET /_sim/mfa/{email}</c> reads it back.</summary>
    private object SendCode(SimAccount account)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var (method, destination) = state.WithAccount(account, a =>
        {
            a.LastMfaCode = code;
            return (a.Mfa, a.MfaDestination);
        });
        return method == MfaMethods.Sms
            ? new { accountType = LoginPayloads.AccountType(account), primaryMethod = "phone", primaryValue = MfaMask.Phone(destination), secondaryMethod = "email", secondaryValue = MfaMask.Email(account.Email) }
            : new { accountType = LoginPayloads.AccountType(account), primaryMethod = "email", primaryValue = MfaMask.Email(destination), secondaryMethod = "", secondaryValue = "" };
    }
}
