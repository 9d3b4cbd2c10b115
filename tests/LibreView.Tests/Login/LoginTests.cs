using System.Net.Http.Json;
using System.Text.Json;
using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Control;
using LibreView.Tests.Support;
using LibreView.Wire;

namespace LibreView.Tests.Login;

/// <summary>Every login outcome, client against the simulator over real loopback HTTP.</summary>
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
        Assert.Equal(h.Time.GetUtcNow().AddDays(180).ToUnixTimeSeconds(), session.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Login_elsewhere_follows_the_redirect_and_reports_the_home_region()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("berlin@example.org", region: "de");

        var session = await h.LoginAsync("berlin@example.org", region: "us");

        Assert.Equal("de", session.Region);
        Assert.Equal(2, h.State.ApiRequests); // us answered the redirect, de the login
    }

    [Fact]
    public async Task Wrong_password_is_a_credential_error_and_is_never_retried()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("wrong@example.org");

        var result = await h.Client.LoginAsync(h.Credentials("wrong@example.org", password: "nope"));

        Assert.Equal(LibreViewErrorKind.CredentialError, result.Error?.Kind);
        Assert.Equal(1, h.State.ApiRequests);
    }

    [Fact]
    public async Task Unknown_email_is_a_credential_error_too()
    {
        await using var h = await SimHarness.StartAsync();
        var result = await h.Client.LoginAsync(h.Credentials("nobody@example.org"));
        Assert.Equal(LibreViewErrorKind.CredentialError, result.Error?.Kind);
    }

    [Fact]
    public async Task Terms_of_use_and_privacy_policy_steps_are_accepted_on_the_way()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("docs@example.org", tweak: s => (s.TermsAccepted, s.PrivacyPolicyAccepted) = (false, false));

        await h.LoginAsync("docs@example.org");

        var view = h.State.FindByEmail("docs@example.org")!.ToView();
        Assert.True(view.TermsAccepted);
        Assert.True(view.PrivacyPolicyAccepted);
        Assert.Equal(3, h.State.ApiRequests); // login → tou → pp
    }

    [Fact]
    public async Task Email_mfa_is_surfaced_with_a_masked_hint_and_completed_with_the_code()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("jane@example.org", region: "de", mfa: MfaMethods.Email);

        var login = await h.Client.LoginAsync(h.Credentials("jane@example.org", region: "us"));
        Assert.Equal(LibreViewErrorKind.MfaRequired, login.Error?.Kind);
        var challenge = login.Error!.Mfa!;
        Assert.Equal(("email", "j***@example.org", "de"), (challenge.Method, challenge.Hint, challenge.Region));

        var code = (await h.Control.GetFromJsonAsync<JsonElement>("/_sim/mfa/jane@example.org")).GetProperty("code").GetString()!;
        Assert.Matches("^[0-9]{6}$", code);
        var done = await h.Client.CompleteMfaAsync(challenge, code);

        Assert.True(done.IsSuccess, done.Error?.ToString());
        Assert.Equal("de", done.Value.Region);
        Assert.NotNull(done.Value.TrustedDeviceToken);
    }

    [Fact]
    public async Task Sms_mfa_hint_shows_the_country_code_and_last_digits()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("sms@example.org", mfa: MfaMethods.Sms, mfaTarget: "+44 7700 900123");

        var login = await h.Client.LoginAsync(h.Credentials("sms@example.org"));

        Assert.Equal("sms", login.Error?.Mfa?.Method);
        Assert.Equal("+44 *** *** 123", login.Error?.Mfa?.Hint);
    }

    [Fact]
    public async Task Wrong_mfa_code_is_incorrect_and_the_same_challenge_can_be_retried()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("retry@example.org", mfa: MfaMethods.Email);
        var challenge = (await h.Client.LoginAsync(h.Credentials("retry@example.org"))).Error!.Mfa!;
        var code = h.State.LastMfaCode("retry@example.org")!;
        var wrong = code == "000000" ? "111111" : "000000";

        var bad = await h.Client.CompleteMfaAsync(challenge, wrong);
        var good = await h.Client.CompleteMfaAsync(challenge, code);

        Assert.Equal(LibreViewErrorKind.IncorrectMfaCode, bad.Error?.Kind);
        Assert.True(good.IsSuccess, good.Error?.ToString());
    }

    [Fact]
    public async Task Mfa_then_terms_of_use_completes_without_asking_for_another_code()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("both@example.org", mfa: MfaMethods.Email, tweak: s => s.TermsAccepted = false);
        var challenge = (await h.Client.LoginAsync(h.Credentials("both@example.org"))).Error!.Mfa!;

        var done = await h.Client.CompleteMfaAsync(challenge, h.State.LastMfaCode("both@example.org")!);

        Assert.True(done.IsSuccess, done.Error?.ToString());
        Assert.True(h.State.FindByEmail("both@example.org")!.ToView().TermsAccepted);
    }

    [Fact]
    public async Task Expired_password_is_its_own_outcome()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("old@example.org");
        (await h.Control.PostAsync("/_sim/accounts/old@example.org/expire-password", null)).EnsureSuccessStatusCode();

        var result = await h.Client.LoginAsync(h.Credentials("old@example.org"));

        Assert.Equal(LibreViewErrorKind.PasswordExpired, result.Error?.Kind);
    }

    [Fact]
    public async Task Five_failures_in_a_minute_lock_the_account_until_the_lockout_ends()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("lock@example.org");
        var wrong = h.Credentials("lock@example.org", password: "bad");

        for (var i = 0; i < 4; i++)
            Assert.Equal(LibreViewErrorKind.CredentialError, (await h.Client.LoginAsync(wrong)).Error?.Kind);
        var fifth = await h.Client.LoginAsync(wrong);
        var rightButLocked = await h.Client.LoginAsync(h.Credentials("lock@example.org"));
        h.Time.Advance(TimeSpan.FromSeconds(301));
        var after = await h.Client.LoginAsync(h.Credentials("lock@example.org"));

        Assert.Equal(LibreViewErrorKind.LockedOut, fifth.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(300), fifth.Error?.RetryAfter);
        Assert.Equal(LibreViewErrorKind.LockedOut, rightButLocked.Error?.Kind);
        Assert.True(after.IsSuccess, after.Error?.ToString());
        Assert.Equal(7, h.State.ApiRequests); // the lock-out 429 is not retried
    }

    [Fact]
    public async Task Failures_spread_over_more_than_a_minute_do_not_lock()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("slow@example.org");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(LibreViewErrorKind.CredentialError, (await h.Client.LoginAsync(h.Credentials("slow@example.org", password: "bad"))).Error?.Kind);
            h.Time.Advance(TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task Over_the_request_rate_is_rate_limited_with_retry_after()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("busy@example.org");
        h.State.Settings.RequestsPerMinute = 2;

        await h.LoginAsync("busy@example.org");
        await h.LoginAsync("busy@example.org");
        var third = await h.Client.LoginAsync(h.Credentials("busy@example.org"));

        Assert.Equal(LibreViewErrorKind.RateLimited, third.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), third.Error?.RetryAfter); // the window started on a whole minute
        Assert.Equal(3, h.State.ApiRequests); // a long Retry-After is returned to the caller, not waited out
    }

    [Fact]
    public async Task A_short_retry_after_is_waited_out_and_retried()
    {
        await using var h = await SimHarness.StartAsync(c => c.MaxRetryAfterWait = TimeSpan.FromSeconds(5));
        h.AddPatient("wait@example.org");
        h.State.Settings.RequestsPerMinute = 1;
        await h.LoginAsync("wait@example.org");
        h.Time.Advance(TimeSpan.FromSeconds(59)); // one second left in the window

        var started = DateTime.UtcNow;
        var second = h.Client.LoginAsync(h.Credentials("wait@example.org"));
        while (h.State.ApiRequests < 2 && DateTime.UtcNow - started < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        await Task.Delay(200); // the 429 is on its way; the client now waits the 1 s Retry-After
        h.Time.Advance(TimeSpan.FromSeconds(2)); // the simulator's window rolls over while the client waits
        var result = await second;

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
        Assert.Equal(3, h.State.ApiRequests);
    }

    [Fact]
    public async Task Injected_429s_with_a_long_retry_after_are_reported_with_it()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("throttled@example.org");
        h.State.Faults.Set("us", new FaultSettings { TooManyRequestsShare = 1, RetryAfterSeconds = 30 });

        var result = await h.Client.LoginAsync(h.Credentials("throttled@example.org"));

        Assert.Equal(LibreViewErrorKind.RateLimited, result.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Error?.RetryAfter);
        Assert.Equal(1, h.State.ApiRequests);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_success()
    {
        await using var h = await SimHarness.StartAsync(c => c.MaxRetries = 3);
        h.AddPatient("flaky@example.org");
        h.State.Faults.Set("us", new FaultSettings { FailNext = 2 });

        var session = await h.LoginAsync("flaky@example.org");

        Assert.Equal("us", session.Region);
        Assert.Equal(3, h.State.ApiRequests);
    }

    public static TheoryData<string, FaultSettings, int> UnrecoverableFaults => new()
    {
        { "5xx on every attempt", new FaultSettings { ServerErrorShare = 1 }, 3 },
        { "slower than the attempt timeout", new FaultSettings { LatencyMs = 6000 }, 3 },
        { "truncated body (not retried: HTTP 200)", new FaultSettings { TruncatedShare = 1 }, 1 },
    };

    [Theory]
    [MemberData(nameof(UnrecoverableFaults))]
    public async Task Faults_that_outlast_the_retries_are_a_provider_api_error(string fault, FaultSettings settings, int attempts)
    {
        // The attempt timeout leaves room for a loaded machine (a slow truncated answer must not count as a timeout).
        await using var h = await SimHarness.StartAsync(c => (c.AttemptTimeout, c.MaxRetries) = (TimeSpan.FromMilliseconds(2000), 2));
        h.AddPatient("down@example.org");
        h.State.Faults.Set("us", settings);

        var result = await h.Client.LoginAsync(h.Credentials("down@example.org"));

        Assert.True(result.Error?.Kind == LibreViewErrorKind.ProviderApiError, fault);
        Assert.Equal(attempts, h.State.ApiRequests);
    }

    [Fact]
    public async Task An_app_version_below_the_minimum_is_refused()
    {
        await using var h = await SimHarness.StartAsync(c => c.Version = "4.12.0");
        h.AddPatient("version@example.org");

        var result = await h.Client.LoginAsync(h.Credentials("version@example.org"));

        Assert.Equal(LibreViewErrorKind.ProviderApiError, result.Error?.Kind);
        Assert.Contains("4.16.0", result.Error!.Message);
    }

    [Fact]
    public async Task Unknown_regions_are_unsupported_without_a_request()
    {
        await using var h = await SimHarness.StartAsync();
        var result = await h.Client.LoginAsync(h.Credentials("x@example.org", region: "xx"));
        Assert.Equal(LibreViewErrorKind.UnsupportedRegion, result.Error?.Kind);
        Assert.Equal(0, h.State.ApiRequests);
    }

    [Fact]
    public async Task A_redirect_to_a_region_this_client_does_not_serve_is_unsupported()
    {
        await using var h = await SimHarness.StartAsync(c => c.Regions = ["us"]);
        h.AddPatient("tokyo@example.org", region: "jp");

        var result = await h.Client.LoginAsync(h.Credentials("tokyo@example.org", region: "us"));

        Assert.Equal(LibreViewErrorKind.UnsupportedRegion, result.Error?.Kind);
        Assert.Contains("jp", result.Error!.Message);
    }

    [Fact]
    public async Task Expired_ticket_is_renewed_with_credentials_and_the_trusted_device_skips_mfa()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("renew@example.org", mfa: MfaMethods.Email);
        var challenge = (await h.Client.LoginAsync(h.Credentials("renew@example.org"))).Error!.Mfa!;
        var session = (await h.Client.CompleteMfaAsync(challenge, h.State.LastMfaCode("renew@example.org")!)).Value!;
        var codeBefore = h.State.LastMfaCode("renew@example.org");
        h.Time.Advance(TimeSpan.FromDays(181));

        var without = await h.Client.GetConnectionsAsync(session);
        var with = await h.Client.GetConnectionsAsync(session, h.Credentials("renew@example.org"));

        Assert.Equal(LibreViewErrorKind.SessionExpired, without.Error?.Kind);
        Assert.True(with.IsSuccess, with.Error?.ToString());
        Assert.NotEqual(session.Token, with.Session!.Token);
        Assert.True(with.Session.ExpiresAt > h.Time.GetUtcNow());
        Assert.Equal(codeBefore, h.State.LastMfaCode("renew@example.org")); // no new code was sent
        Assert.Single(with.Value);
    }

    [Fact]
    public async Task A_changed_password_ends_old_tickets_and_renewal_reports_the_credential_error()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("rotate@example.org");
        var session = await h.LoginAsync("rotate@example.org");
        h.State.SetPassword("rotate@example.org", "New-Passw0rd!");

        var result = await h.Client.GetConnectionsAsync(session, h.Credentials("rotate@example.org"));

        Assert.Equal(LibreViewErrorKind.CredentialError, result.Error?.Kind);
    }

    [Fact]
    public async Task A_stored_session_resumes_after_a_json_round_trip()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("stored@example.org", region: "fr");
        var session = await h.LoginAsync("stored@example.org", region: "us");

        var json = JsonSerializer.Serialize(session);
        var restored = JsonSerializer.Deserialize<LibreViewSession>(json)!;
        var result = await h.Client.GetConnectionsAsync(restored);

        Assert.Equal(session, restored);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("fr", result.Session!.Region);
    }
}
