using System.Net.Http.Json;
using System.Text.Json;
using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Control;
using LibreView.Tests.Support;
using LibreView.Wire;

namespace LibreView.Tests.Login;

/// <summary>Every login outcome of reference §2, client against the simulator over real loopback HTTP.</summary>
public class LoginTests
{
    [Fact]
    public async Task Login_at_home_gives_a_session_with_the_account_id_header_value()
    {
        await using var h = await SimHarness.StartAsync();
        var account = h.AddPatient("home@example.org");

        var session = await h.LoginAsync("home@example.org");

        Assert.Equal("us", session.Region);
        Assert.Equal(account.Id, session.UserId);
        Assert.Equal(AccountId.FromUserId(account.Id), session.AccountId);
        Assert.Equal(h.Time.GetUtcNow().AddHours(2).ToUnixTimeSeconds(), session.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_gb_patient_starting_at_us_is_redirected_to_eu2()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("london@example.org", region: "eu2");

        var session = await h.LoginAsync("london@example.org", region: "us");

        Assert.Equal("eu2", session.Region);
        Assert.Equal(2, h.State.Requests.Of("POST /auth/login")); // us answered the redirect, eu2 the login
    }

    [Fact]
    public async Task Wrong_password_is_a_credential_error_and_is_never_retried()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("wrong@example.org");

        var result = await h.Client.LoginAsync(h.Credentials("wrong@example.org", password: "nope"), LoginPurpose.Interactive);

        Assert.Equal(LibreViewErrorKind.CredentialError, result.Error?.Kind);
        Assert.Equal(1, h.State.ApiRequests);
    }

    [Fact]
    public async Task Three_wrong_passwords_lock_the_account_for_at_least_five_minutes()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("locked@example.org");

        LibreViewResult<LibreViewSession>? last = null;
        for (var i = 0; i < 3; i++) last = await h.Client.LoginAsync(h.Credentials("locked@example.org", password: "nope"), LoginPurpose.Interactive);
        var withRightPassword = await h.Client.LoginAsync(h.Credentials("locked@example.org"), LoginPurpose.Interactive);

        Assert.Equal(LibreViewErrorKind.LockedOut, last!.Error?.Kind);
        Assert.True(last.Error!.RetryAfter >= TimeSpan.FromMinutes(5));
        Assert.Equal(LibreViewErrorKind.LockedOut, withRightPassword.Error?.Kind);
    }

    [Fact]
    public async Task New_terms_and_privacy_policy_are_accepted_for_a_person_who_is_here_and_recorded()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("docs@example.org", tweak: s => (s.TermsAccepted, s.PrivacyPolicyAccepted) = (false, false));

        var session = await h.LoginAsync("docs@example.org");

        Assert.Equal(["pp", "tou"], session.AcceptedDocuments);
        Assert.Equal(1, h.State.Requests.Of("POST /auth/continue/pp"));
        Assert.Equal(1, h.State.Requests.Of("POST /auth/continue/tou"));
    }

    [Fact]
    public async Task An_unattended_login_never_accepts_documents_for_the_patient()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("renew-docs@example.org", tweak: s => s.TermsAccepted = false);

        var result = await h.Client.LoginAsync(h.Credentials("renew-docs@example.org"), LoginPurpose.Unattended);

        Assert.Equal(LibreViewErrorKind.ReauthenticationRequired, result.Error?.Kind);
        Assert.Equal(0, h.State.Requests.Of("POST /auth/continue/tou"));
    }

    [Fact]
    public async Task The_2faVerify_step_sends_no_code_until_sendcode()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("raw@example.org", mfa: MfaMethods.Sms, mfaTarget: "+44 7700 900123");

        var response = await h.Control.PostAsJsonAsync("/us/auth/login", new { email = "raw@example.org", password = SimHarness.Password });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(4, body.RootElement.GetProperty("status").GetInt32());
        var step = body.RootElement.GetProperty("data").GetProperty("step");
        Assert.Equal("2faVerify", step.GetProperty("type").GetString());
        Assert.Equal("phone", step.GetProperty("props").GetProperty("primaryMethod").GetString());
        Assert.Null(h.State.LastMfaCode("raw@example.org"));
    }

    [Theory]
    [InlineData(MfaMethods.Sms, "+44 7700 900123", "sms", "+44 *** *** 123")]
    [InlineData(MfaMethods.Email, null, "email", "m***@example.org")]
    public async Task Two_factor_sends_the_code_by_the_primary_method_and_the_code_signs_in(string mfa, string? target, string method, string hint)
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("mfa@example.org", mfa: mfa, mfaTarget: target);

        var login = await h.Client.LoginAsync(h.Credentials("mfa@example.org"), LoginPurpose.Interactive);
        var challenge = login.Error!.Mfa!;
        var done = await h.Client.CompleteMfaAsync(challenge, h.State.LastMfaCode("mfa@example.org")!);

        Assert.Equal(LibreViewErrorKind.MfaRequired, login.Error.Kind);
        Assert.Equal(method, challenge.Method);
        Assert.Equal(hint, challenge.Hint);
        Assert.Equal(1, h.State.Requests.Of("POST /auth/continue/2fa/sendcode"));
        Assert.True(done.IsSuccess, done.Error?.ToString());
        Assert.NotNull(done.Value.TrustedDeviceToken);
        Assert.Equal(h.Time.GetUtcNow(), done.Value.TrustedDeviceIssuedAt);
    }

    [Fact]
    public async Task Sending_again_replaces_the_code_and_can_switch_to_the_second_method()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("resend@example.org", mfa: MfaMethods.Sms, mfaTarget: "+1 555 0100 999");
        var first = (await h.Client.LoginAsync(h.Credentials("resend@example.org"), LoginPurpose.Interactive)).Error!.Mfa!;
        var oldCode = h.State.LastMfaCode("resend@example.org")!;

        var again = await h.Client.SendCodeAsync(first, usePrimaryMethod: true);
        var byEmail = await h.Client.SendCodeAsync(again.Value!, usePrimaryMethod: false);
        var newCode = h.State.LastMfaCode("resend@example.org")!;

        Assert.Equal("sms", again.Value!.Method);
        Assert.Equal("email", byEmail.Value!.Method);
        Assert.Equal("r***@example.org", byEmail.Value.Hint);
        Assert.Equal("sms", byEmail.Value.OtherMethod?.Method);
        if (oldCode != newCode)
            Assert.Equal(LibreViewErrorKind.IncorrectMfaCode, (await h.Client.CompleteMfaAsync(byEmail.Value, oldCode)).Error?.Kind);
        Assert.True((await h.Client.CompleteMfaAsync(byEmail.Value, newCode)).IsSuccess);
    }

    [Fact]
    public async Task A_wrong_code_is_rejected_and_the_same_challenge_still_takes_the_right_one()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("typo@example.org", mfa: MfaMethods.Email);
        var challenge = (await h.Client.LoginAsync(h.Credentials("typo@example.org"), LoginPurpose.Interactive)).Error!.Mfa!;
        var code = h.State.LastMfaCode("typo@example.org")!;
        var wrong = code == "000000" ? "111111" : "000000";

        var rejected = await h.Client.CompleteMfaAsync(challenge, wrong);
        var accepted = await h.Client.CompleteMfaAsync(challenge, code);

        Assert.Equal(LibreViewErrorKind.IncorrectMfaCode, rejected.Error?.Kind);
        Assert.True(accepted.IsSuccess);
    }

    [Fact]
    public async Task A_trusted_device_skips_the_code_on_later_unattended_logins()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("trusted@example.org", mfa: MfaMethods.Email);
        var first = await h.LoginWithCodeAsync("trusted@example.org");

        var again = await h.Client.LoginAsync(h.Credentials("trusted@example.org", trustedDevice: first.TrustedDeviceToken), LoginPurpose.Unattended);

        Assert.True(again.IsSuccess, again.Error?.ToString());
        Assert.Equal(1, h.State.Requests.Of("POST /auth/continue/2fa/sendcode"));
    }

    [Fact]
    public async Task A_renewal_after_the_trusted_device_expired_needs_the_patient_again()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("expired-device@example.org", mfa: MfaMethods.Email);
        var session = await h.LoginWithCodeAsync("expired-device@example.org");

        h.Time.Advance(TimeSpan.FromDays(15)); // the ticket and the 14-day trusted device have both run out
        var read = await h.Client.GetAccountAsync(session, h.Credentials("expired-device@example.org"));

        Assert.Equal(LibreViewErrorKind.ReauthenticationRequired, read.Error?.Kind);
        Assert.Equal(1, h.State.Requests.Of("POST /auth/continue/2fa/sendcode")); // the renewal sent no code to the patient
    }

    [Fact]
    public async Task A_refused_ticket_triggers_exactly_one_new_login()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("jwt@example.org");
        var session = await h.LoginAsync("jwt@example.org");
        h.State.Faults.Set("us", new FaultSettings { Block = Blocks.ExpiredJwt, BlockNext = 1 });

        var read = await h.Client.GetAccountAsync(session, h.Credentials("jwt@example.org"));

        Assert.True(read.IsSuccess, read.Error?.ToString());
        Assert.Equal(2, h.State.Requests.Of("POST /auth/login"));
        Assert.Equal(2, h.State.Requests.Of("GET /user"));
        Assert.NotEqual(session.Token, read.Session!.Token);
    }

    [Fact]
    public async Task A_practice_account_always_asks_for_a_code_without_a_trusted_device()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("practice@example.org", tweak: s => s.Kind = AccountKinds.CareTeam);

        var interactive = await h.Client.LoginAsync(h.Credentials("practice@example.org"), LoginPurpose.Interactive);
        var unattended = await h.Client.LoginAsync(h.Credentials("practice@example.org"), LoginPurpose.Unattended);

        Assert.Equal(LibreViewErrorKind.MfaRequired, interactive.Error?.Kind);
        Assert.Equal("email", interactive.Error!.Mfa!.Method);
        Assert.Equal(LibreViewErrorKind.ReauthenticationRequired, unattended.Error?.Kind);
    }

    [Theory]
    [InlineData(Blocks.Cloudflare403, LibreViewErrorKind.RegionBlocked)]
    [InlineData(Blocks.Cloudflare429, LibreViewErrorKind.RegionBlocked)]
    [InlineData(Blocks.Http429, LibreViewErrorKind.AccountThrottled)]
    [InlineData(Blocks.Cloudflare1015, LibreViewErrorKind.RegionBlocked)]
    [InlineData(Blocks.Http430, LibreViewErrorKind.RegionBlocked)]
    [InlineData(Blocks.Status911, LibreViewErrorKind.RegionBlocked)]
    [InlineData(Blocks.ProductMismatch, LibreViewErrorKind.ClientDefect)]
    [InlineData(Blocks.RequiredHeaderMissing, LibreViewErrorKind.ClientDefect)]
    public async Task Every_block_of_the_reference_maps_to_one_kind_and_never_to_a_credential_error(string block, LibreViewErrorKind kind)
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("blocked@example.org");
        h.State.Faults.Set("us", new FaultSettings { Block = block });

        var result = await h.Client.LoginAsync(h.Credentials("blocked@example.org"), LoginPurpose.Interactive);

        Assert.Equal(kind, result.Error?.Kind);
    }

    [Fact]
    public async Task Strict_header_mode_accepts_every_request_the_client_sends()
    {
        await using var h = await SimHarness.StartAsync(options: new() { StrictHeaders = true });
        h.AddPatient("strict@example.org");

        var session = await h.LoginAsync("strict@example.org");
        var account = await h.Client.GetAccountAsync(session);

        Assert.True(account.IsSuccess, account.Error?.ToString());
    }
}
