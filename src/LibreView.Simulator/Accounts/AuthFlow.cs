using System.Security.Cryptography;
using LibreView.Simulator.Endpoints;
using LibreView.Wire;

namespace LibreView.Simulator.Accounts;

/// <summary>
/// The login state machine (reference §2): password and lock-out, region redirect, then the steps
/// passwordExpired (assumed) → pp → tou → 2faVerify → authenticated. A two-factor code exists only after
/// <c>sendcode</c>; a trusted device (issued by <c>result</c> on the assumed <c>rememberDevice</c>) skips the code for 14 days.
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
        if (account.Region != region) return Envelope.Redirect(account.Region, account.Country);

        var now = state.Now;
        var trusted = request.TrustedDeviceToken is { Length: > 0 } device
                      && state.WithAccount(account, a => a.TrustedDevices.TryGetValue(device, out var until) && until > now);
        return Next(account, region, trusted);
    }

    /// <summary>Accepts a document step (<c>tou</c> or <c>pp</c>) with its step ticket.</summary>
    public IResult AcceptDocument(string region, string step, TicketClaims claims, SimAccount account)
    {
        state.WithAccount(account, a => step == LibreStatus.StepTermsOfUse ? a.TermsAccepted = true : a.PrivacyPolicyAccepted = true);
        return Next(account, region, claims.MfaPassed);
    }

    /// <summary>"Sends" a new six-digit code by the chosen method; <c>GET /_sim/mfa/{email}</c> reads it back. The answer is <c>data:{}</c> plus a new ticket (§10 Q13).</summary>
    public IResult SendCode(string region, SimAccount account)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        state.WithAccount(account, a =>
        {
            a.LastMfaCode = code;
            a.MfaFailures = 0;
            return 0;
        });
        return Envelope.Json(new { status = LibreStatus.Ok, data = new { }, ticket = Issue(account, region, LibreStatus.StepTwoFactor, mfaPassed: false) });
    }

    /// <summary>Checks the code; a wrong one is the assumed <c>incorrectCode</c>, and after the assumed limit the code is spent.</summary>
    public IResult Result(string region, SimAccount account, WireCodeRequest? request)
    {
        var now = state.Now;
        var ok = state.WithAccount(account, a =>
        {
            var expected = a.LastMfaCode;
            var matches = request is not null && expected is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(request.Code.Trim()), System.Text.Encoding.UTF8.GetBytes(expected));
            if (matches)
            {
                a.LastMfaCode = null;
                return true;
            }
            if (++a.MfaFailures >= Settings.MaxMfaAttempts) a.LastMfaCode = null;
            return false;
        });
        if (!ok) return Envelope.IncorrectCode();
        var remember = request!.RememberDevice; // assumed request flag (§10 Q3)
        return Next(account, region, mfaPassed: true, issueTrustedDevice: remember);
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
    public (SimAccount? Account, TicketClaims? Claims) Authenticate(HttpContext context, string region, string? step) =>
        Authenticate(BearerOf(context), region, step);

    public (SimAccount? Account, TicketClaims? Claims) Authenticate(string? token, string region, string? step)
    {
        if (token is null) return (null, null);
        var claims = state.Tickets.Decode(token);
        if (claims is null || claims.Step != step || claims.Region != region || claims.Expires <= state.Now.ToUnixTimeSeconds())
            return (null, null);
        var account = state.FindById(claims.UserId);
        if (account is null || state.WithAccount(account, a => a.Generation) != claims.Generation) return (null, null);
        return (account, claims);
    }

    public static string? BearerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
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

    private IResult Next(SimAccount account, string region, bool mfaPassed, bool issueTrustedDevice = false)
    {
        var (expired, mfa, tou, pp) = state.WithAccount(account, a =>
            (a.PasswordExpiresAt <= state.Now, a.EffectiveMfa != MfaMethods.None, a.TermsAccepted, a.PrivacyPolicyAccepted));
        if (expired) // assumed: no public capture of a password-expired login (§10 Q1)
            return StepAnswer(account, region, LibreStatus.StepPasswordExpired, "ResetPassword", new { reason = "passwordExpired" }, mfaPassed);
        if (!pp)
            return StepAnswer(account, region, LibreStatus.StepPrivacyPolicy, "AcceptDocument",
                new { reaccept = true, titleKey = "Common.privacyPolicy", type = LibreStatus.StepPrivacyPolicy }, mfaPassed);
        if (!tou)
            return StepAnswer(account, region, LibreStatus.StepTermsOfUse, "AcceptDocument",
                new { reaccept = true, titleKey = "Common.termsOfUse", type = LibreStatus.StepTermsOfUse }, mfaPassed);
        if (mfa && !mfaPassed)
            return StepAnswer(account, region, LibreStatus.StepTwoFactor, "TwoFactorVerify", TwoFactorProps(account), mfaPassed,
                title: "AccountSignUp.verifyIdentity"); // assumed: the title key's suffix is cut off in the capture

        var trustedDevice = "";
        if (issueTrustedDevice)
        {
            trustedDevice = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var until = state.Now + Settings.TrustedDeviceLifetime;
            state.WithAccount(account, a => a.TrustedDevices[trustedDevice] = until);
        }
        var practices = account.IsPatient ? [] : state.PracticesOf(account, region);
        return Envelope.Ok(LoginPayloads.Authenticated(account, practices, Issue(account, region, null, mfaPassed), trustedDevice, state.Now));
    }

    private IResult StepAnswer(SimAccount account, string region, string type, string component, object props, bool mfaPassed, string? title = null) =>
        Envelope.Step(title is null ? new { type, componentName = component, props } : new { type, componentName = component, props, title },
            LoginPayloads.StepUser(account), Issue(account, region, type, mfaPassed));

    /// <summary>The masked targets of the <c>TwoFactorVerify</c> step: SMS accounts have e-mail as the second method.</summary>
    private object TwoFactorProps(SimAccount account)
    {
        var (method, destination) = state.WithAccount(account, a => (a.EffectiveMfa, a.MfaDestination));
        var accountType = account.IsPatient ? "patient" : "professional"; // assumed: only "patient" is in the capture
        return method == MfaMethods.Sms
            ? new { accountType, primaryMethod = "phone", primaryValue = MfaMask.Phone(destination), secondaryMethod = "email", secondaryValue = MfaMask.Email(account.Email) }
            : new { accountType, primaryMethod = "email", primaryValue = MfaMask.Email(destination), secondaryMethod = "", secondaryValue = "" };
    }
}
