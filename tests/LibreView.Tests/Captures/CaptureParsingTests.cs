using LibreView.Client;
using LibreView.Client.Parsing;
using LibreView.Tests.Support;

namespace LibreView.Tests.Captures;

/// <summary>The real captures of <c>../shared/data</c> (and the synthetic report page) read by the client's own parsers.</summary>
public class CaptureParsingTests
{
    private static LoginReply Login(string path, int http = 200) =>
        LoginReply.Read(LibreReply.Parse(http, File.ReadAllText(Path.Combine(SharedData.Folder(""), path)))!);

    [Fact]
    public void The_gb_redirect_capture_sends_the_login_to_eu2()
    {
        var reply = Login("librelinkup/pylibrelinkup/redirect_response.json");
        Assert.Equal(new LoginReply.Redirect("eu2"), reply);
    }

    [Fact]
    public void The_privacy_policy_capture_is_a_step_with_its_one_hour_ticket()
    {
        var step = Assert.IsType<LoginReply.Step>(Login("librelinkup/pylibrelinkup/privacy_policy_response.json"));
        Assert.Equal("pp", step.Type);
        Assert.Equal(3600000, step.Ticket.Duration);
    }

    [Fact]
    public void The_login_capture_is_a_success_with_the_user_id()
    {
        var ok = Assert.IsType<LoginReply.Authenticated>(Login("librelinkup/nightscout-librelink-up/login.json"));
        Assert.False(string.IsNullOrEmpty(ok.UserId));
        Assert.Null(ok.TrustedDeviceToken);
    }

    [Theory]
    [InlineData("libreview-web/snippets/diable/login_not_authenticated.json", 200, LibreViewErrorKind.CredentialError)]
    [InlineData("libreview-web/snippets/diable/login_incorrect_username_password.json", 200, LibreViewErrorKind.CredentialError)]
    [InlineData("libreview-web/snippets/diable/login_locked_429.json", 429, LibreViewErrorKind.LockedOut)]
    [InlineData("libreview-web/snippets/diable/status_911.json", 200, LibreViewErrorKind.RegionBlocked)]
    [InlineData("libreview-web/snippets/diable/invalid_or_expired_jwt_401.json", 401, LibreViewErrorKind.SessionExpired)]
    [InlineData("libreview-web/snippets/diable/product_mismatch_400.json", 400, LibreViewErrorKind.ClientDefect)]
    [InlineData("libreview-web/snippets/diable/could_not_load_patient.json", 200, LibreViewErrorKind.PatientNotFound)]
    public void Each_error_capture_maps_to_its_kind(string path, int http, LibreViewErrorKind kind)
    {
        var failed = Assert.IsType<LoginReply.Failed>(Login(path, http));
        Assert.Equal(kind, failed.Error.Kind);
        if (kind == LibreViewErrorKind.LockedOut) Assert.Equal(TimeSpan.FromMinutes(5), failed.Error.RetryAfter);
    }

    [Fact]
    public void The_cloudflare_1015_page_blocks_the_region()
    {
        var html = File.ReadAllText(Path.Combine(SharedData.Folder("libreview-web"), "synthetic", "cloudflare_1015.synthetic.html"));
        Assert.Null(LibreReply.Parse(429, html));
        Assert.Equal(LibreViewErrorKind.RegionBlocked, ReplyErrors.NotEnvelope(429, html).Kind);
        Assert.Equal(LibreViewErrorKind.RegionBlocked, ReplyErrors.NotEnvelope(430, "").Kind);
    }

    [Fact]
    public void The_daily_log_page_gives_its_segments_and_scans_in_floating_time()
    {
        var html = File.ReadAllText(Path.Combine(SharedData.Folder("libreview-web"), "synthetic", "report_dailylog.synthetic.html"));

        var parsed = DailyLogParser.Parse(html);

        Assert.Null(parsed.Error);
        Assert.Equal(6, parsed.Glucose.Count(g => g.Type == GlucoseRecordType.Historic));
        var scan = Assert.Single(parsed.Glucose, g => g.Type == GlucoseRecordType.Scan);
        Assert.Equal(new DateTime(2025, 12, 31, 0, 35, 0, DateTimeKind.Unspecified), scan.Timestamp); // 1767141300 read as wall time
        Assert.Equal(126, scan.Value);
        Assert.All(parsed.Glucose, g => Assert.Equal(GlucoseUnit.MgPerDl, g.Unit));
    }

    [Fact]
    public void Nested_scans_unknown_keys_and_odd_casing_never_fail_a_report()
    {
        const string html = """
            <script>var x = {"a":"window.report = {"}; WINDOW.REPORT   =   {"data":{"days":[{"glucose":[[{"timestamp":0,"value":5.5}]],
            "sensorScans":[[{"Timestamp":60,"Value":6.1}],[[{"Timestamp":120,"Value":"bad"}]]],"Ketones":[{"Timestamp":0}],
            "Notes":[{"Timestamp":3600,"Text":"run } {"}]}]}};</script>
            """;

        var parsed = DailyLogParser.Parse(html);

        Assert.Null(parsed.Error);
        Assert.Equal(2, parsed.Glucose.Count);
        Assert.All(parsed.Glucose, g => Assert.Equal(GlucoseUnit.MmolPerL, g.Unit));
        Assert.Equal(["Ketones"], parsed.UnknownDayKeys);
        Assert.Equal("run } {", Assert.Single(parsed.Notes).Text);
    }

    [Fact]
    public void Each_day_is_given_as_it_is_read_and_the_result_still_holds_every_day()
    {
        var html = File.ReadAllText(Path.Combine(SharedData.Folder("libreview-web"), "synthetic", "report_dailylog.synthetic.html"));
        var given = new List<DailyLogDay>();

        var parsed = DailyLogParser.Parse(html, given.Add);

        Assert.Null(parsed.Error);
        Assert.NotEmpty(given);
        Assert.Equal(parsed.Glucose, given.SelectMany(d => d.Glucose));
        Assert.Equal(parsed.Notes, given.SelectMany(d => d.Notes));
    }

    [Fact]
    public void A_candidate_invalid_before_any_day_is_skipped_but_a_report_that_breaks_off_after_a_day_fails()
    {
        const string skipped = """
            <script>window.report = {"Data": tru}</script><script>window.Report = {"Data":{"Days":[{"Glucose":[{"Timestamp":0,"Value":100}]}]}}</script>
            """;
        const string brokenOff = """
            <script>window.Report = {"Data":{"Days":[{"Glucose":[{"Timestamp":0,"Value":100}]},{"Glucose":[{"Timestamp":60,"Value":tru}]}]}}</script>
            """;
        var given = new List<DailyLogDay>();

        Assert.Equal(100, Assert.Single(DailyLogParser.Parse(skipped, given.Add).Glucose).Value);
        Assert.Single(given);

        given.Clear();
        var failed = DailyLogParser.Parse(brokenOff, given.Add);
        Assert.Empty(failed.Glucose);
        Assert.Contains("broke off after day 1", failed.Error);
        Assert.Single(given); // the caller was given the first day, and must drop it
        Assert.Contains("not valid JSON", DailyLogParser.Parse(brokenOff).Error); // nothing given: an invalid candidate as before
    }

    [Fact]
    public void A_page_without_the_report_is_an_error_not_an_exception()
    {
        Assert.NotNull(DailyLogParser.Parse("<html>maintenance</html>").Error);
        Assert.NotNull(DailyLogParser.Parse("<script>window.Report = {\"Data\":").Error);
    }
}
