using LibreView.Client;
using LibreView.Client.Parsing;
using LibreView.Tests.Support;
using LibreView.Wire;

namespace LibreView.Tests.Captures;

/// <summary>The client reads every real LibreLinkUp capture in ../shared/data/librelinkup.</summary>
public class CaptureParsingTests
{
    private static LluReply Reply(string file, int httpStatus = 200) =>
        LluReply.Parse(httpStatus, SharedData.Read(file), null) ?? throw new Xunit.Sdk.XunitException($"{file} is not an envelope");

    private static LoginReply Login(string file) => LoginReply.Read(Reply(file));

    /// <summary>Each capture file has a check below; a new file without one fails here.</summary>
    [Fact]
    public void Every_capture_in_the_shared_folder_has_a_check()
    {
        var files = Directory.GetFiles(SharedData.LibreLinkUp, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SharedData.LibreLinkUp, f).Replace('\\', '/'))
            .Order()
            .ToList();
        Assert.Equal(17, files.Count);
        foreach (var file in files) Assert.Contains(file, Checked);
    }

    private static readonly string[] Checked =
    [
        "nightscout-librelink-up/connections.json", "nightscout-librelink-up/graph.json", "nightscout-librelink-up/login-failed.json",
        "nightscout-librelink-up/login.json", "pylibrelinkup/graph_response.json", "pylibrelinkup/graph_response_no_alarm_rules_c.json",
        "pylibrelinkup/graph_response_no_sd.json", "pylibrelinkup/graph_response_no_u.json", "pylibrelinkup/graph_response_unknown_trend.json",
        "pylibrelinkup/logbook_response.json", "pylibrelinkup/login_response.json", "pylibrelinkup/login_response_null_emailday.json",
        "pylibrelinkup/patient_not_found.json", "pylibrelinkup/privacy_policy_response.json", "pylibrelinkup/realworldevidence_consent_response.json",
        "pylibrelinkup/redirect_response.json", "pylibrelinkup/terms_of_use_response.json",
    ];

    [Fact]
    public void Redirect_names_the_region_to_log_in_at()
    {
        var redirect = Assert.IsType<LoginReply.Redirect>(Login("pylibrelinkup/redirect_response.json"));
        Assert.Equal("eu2", redirect.Region);
    }

    [Theory]
    [InlineData("pylibrelinkup/login_response.json", "xx", "parp", 1746127527)]
    [InlineData("pylibrelinkup/login_response_null_emailday.json", "xx", "parp", 1746127527)]
    [InlineData("pylibrelinkup/realworldevidence_consent_response.json", "<Id>", "parp", 1753443551)]
    [InlineData("nightscout-librelink-up/login.json", "7ad66b40-ba9b-401e-9845-4f49f998cf16", null, 1687970889)]
    public void Successful_logins_become_sessions(string file, string userId, string? token, long expires)
    {
        var ok = Assert.IsType<LoginReply.Authenticated>(Login(file));
        var session = WireMapper.ToSession("eu", ok.User, ok.Ticket, ok.TrustedDeviceToken);
        Assert.Equal(userId, session.UserId);
        if (token is not null) Assert.Equal(token, session.Token);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expires), session.ExpiresAt);
        Assert.Equal(AccountId.FromUserId(userId), session.AccountId);
        Assert.Matches("^[0-9a-f]{64}$", session.AccountId);
        Assert.Null(session.TrustedDeviceToken); // "" in the captures
    }

    [Fact]
    public void Account_id_is_the_lower_case_sha256_of_the_user_id() =>
        Assert.Equal("5dde896887f6754c9b15bfe3a441ae4806df2fde94001311e08bf110622e0bbe", AccountId.FromUserId("xx"));

    [Fact]
    public void Terms_of_use_step_is_recognised_even_in_the_mangled_capture()
    {
        var step = Assert.IsType<LoginReply.Step>(Login("pylibrelinkup/terms_of_use_response.json"));
        Assert.Equal("tou", step.Value.Type);
        Assert.Equal("AcceptDocument", step.Value.ComponentName);
        Assert.Null(step.Ticket); // the capture lost its authTicket
    }

    [Fact]
    public void Privacy_policy_step_carries_a_one_hour_step_ticket()
    {
        var step = Assert.IsType<LoginReply.Step>(Login("pylibrelinkup/privacy_policy_response.json"));
        Assert.Equal("pp", step.Value.Type);
        Assert.Equal(3600000, step.Ticket!.Duration);
    }

    [Fact]
    public void Failed_login_is_a_credential_error()
    {
        var failed = Assert.IsType<LoginReply.Failed>(Login("nightscout-librelink-up/login-failed.json"));
        Assert.Equal(LibreViewErrorKind.CredentialError, failed.Error.Kind);
    }

    [Fact]
    public void Unknown_patient_is_patient_not_found_not_a_login_step()
    {
        var error = ReplyErrors.Common(Reply("pylibrelinkup/patient_not_found.json"));
        Assert.Equal(LibreViewErrorKind.PatientNotFound, error?.Kind);
    }

    [Theory]
    [InlineData("pylibrelinkup/graph_response.json", 8, 1)]
    [InlineData("pylibrelinkup/graph_response_no_sd.json", 8, 3)]
    [InlineData("pylibrelinkup/graph_response_no_alarm_rules_c.json", 8, 3)]
    [InlineData("pylibrelinkup/graph_response_no_u.json", 8, 3)]
    [InlineData("pylibrelinkup/graph_response_unknown_trend.json", 8, 0)]
    [InlineData("nightscout-librelink-up/graph.json", 141, 3)]
    public void Graphs_parse_with_floating_and_utc_timestamps(string file, int points, int trend)
    {
        var reply = Reply(file);
        var graph = WireMapper.ToGraph(reply.DataAs<WireGraph>()!);
        Assert.Equal(points, graph.Points.Count);
        Assert.NotNull(reply.Ticket);
        Assert.Equal(trend, graph.Connection.Latest!.TrendArrow);
        Assert.All(graph.Points, p =>
        {
            Assert.Equal(DateTimeKind.Unspecified, p.Timestamp.Kind);
            Assert.Equal(TimeSpan.Zero, p.FactoryTimestamp.Offset);
            Assert.Equal(GlucoseRecordType.Historic, p.Type);
            Assert.Null(p.TrendArrow);
        });
        Assert.NotEmpty(graph.ActiveSensors);
    }

    [Fact]
    public void Graph_timestamps_are_read_as_written_never_converted()
    {
        var graph = WireMapper.ToGraph(Reply("pylibrelinkup/graph_response.json").DataAs<WireGraph>()!);
        var first = graph.Points[0];
        Assert.Equal(new DateTime(2022, 5, 21, 3, 39, 50, DateTimeKind.Unspecified), first.Timestamp);
        Assert.Equal(new DateTimeOffset(2022, 5, 21, 1, 39, 50, TimeSpan.Zero), first.FactoryTimestamp);
        Assert.Equal(117, first.ValueMgPerDl);
        Assert.Equal(GlucoseUnit.MgPerDl, first.Unit);
        Assert.Equal("XXXXXXXXXX", graph.Connection.Sensor!.SerialNumber);
        Assert.Equal(new DateTime(2022, 5, 21, 15, 38, 50), graph.Connection.Latest!.Timestamp); // 3:38:50 PM
    }

    [Fact]
    public void Connections_parse_including_one_without_a_sensor()
    {
        var list = Reply("nightscout-librelink-up/connections.json").DataAs<List<WireConnection>>()!.Select(WireMapper.ToConnection).ToList();
        Assert.Equal(2, list.Count);
        Assert.Equal("7ad66b40-ba9b-401e-9845-4f49f998cf16", list[0].PatientId);
        Assert.Equal("ABCDEF1234", list[0].Sensor!.SerialNumber);
        Assert.Null(list[1].Sensor);
        Assert.Equal(new DateTime(2022, 12, 30, 17, 47, 40), list[0].Latest!.Timestamp);
    }

    [Fact]
    public void Logbook_in_mmol_keeps_both_values_newest_first()
    {
        var reply = Reply("pylibrelinkup/logbook_response.json");
        var items = reply.DataAs<List<WireGlucoseItem>>()!.Select(WireMapper.ToReading).ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal(GlucoseUnit.MmolPerL, items[0].Unit);
        Assert.Equal(10.9, items[0].Value);
        Assert.Equal(197, items[0].ValueMgPerDl);
        Assert.Equal(GlucoseRecordType.Scan, items[0].Type);
        Assert.Equal(3, items[0].TrendArrow);
        Assert.True(items[0].Timestamp > items[1].Timestamp && items[1].Timestamp > items[2].Timestamp);
        Assert.Equal(new DateTime(2024, 11, 9, 15, 19, 0), items[2].Timestamp);
    }

    [Fact]
    public void Shapes_quoted_in_sources_map_to_their_outcomes()
    {
        var locked = LluReply.Parse(429, """{"status":429,"data":{"code":60,"data":{"failures":3,"interval":60,"lockout":300},"message":"locked"}}""", null)!;
        var lockedError = ReplyErrors.Common(locked)!;
        Assert.Equal(LibreViewErrorKind.LockedOut, lockedError.Kind);
        Assert.Equal(TimeSpan.FromSeconds(300), lockedError.RetryAfter);

        var version = ReplyErrors.Common(LluReply.Parse(403, """{"data":{"minimumVersion":"4.16.0"},"status":920}""", null)!)!;
        Assert.Equal(LibreViewErrorKind.ProviderApiError, version.Kind);
        Assert.Contains("4.16.0", version.Message);

        var header = ReplyErrors.Common(LluReply.Parse(400, """{"message":"RequiredHeaderMissing"}""", null)!)!;
        Assert.Equal(LibreViewErrorKind.ProviderApiError, header.Kind);

        Assert.Null(LluReply.Parse(430, "", null)); // the empty 430 of a blocked client: not an envelope
    }
}
