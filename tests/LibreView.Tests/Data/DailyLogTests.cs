using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Control;
using LibreView.Tests.Support;

namespace LibreView.Tests.Data;

/// <summary>History through the report pipeline (reference §3.3, §3.4) and the Pro search (§4.6), against the simulator.</summary>
public class DailyLogTests
{
    [Fact]
    public async Task A_90_day_daily_log_holds_exactly_the_uploaded_historic_readings_in_floating_time()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("ninety@example.org", tweak: s => s.TimeZone = "Europe/Berlin");
        var session = await h.LoginAsync("ninety@example.org");
        var now = h.Time.GetUtcNow();
        var from = DateTime.SpecifyKind(now.UtcDateTime.Date.AddDays(-90), DateTimeKind.Unspecified);
        var to = from.AddDays(91);

        var log = await h.Client.GetDailyLogAsync(session, null, from, to);

        Assert.True(log.IsSuccess, log.Error?.ToString());
        var expected = patient.Data!.Historic(now.AddDays(-92), now.AddMinutes(-17))
            .Where(r => r.Local >= from && r.Local < to).ToList();
        var historic = log.Value.Glucose.Where(g => g.Type == GlucoseRecordType.Historic).ToList();
        Assert.True(expected.Count > 20_000);
        Assert.Equal(expected.Count, historic.Count);
        Assert.Equal(expected.Select(r => r.Local), historic.Select(g => g.Timestamp));
        Assert.All(historic, g => Assert.Equal(DateTimeKind.Unspecified, g.Timestamp.Kind));
        Assert.Contains(log.Value.TimeOffsetMinutes, new int?[] { 60, 120 });
        foreach (var path in new[] { "GET /reportSettings", "POST /reports", "GET /channel/{id}", "GET /report/{id}/{file}" })
            Assert.Equal(1, h.State.Requests.Of(path));
    }

    [Fact]
    public async Task Newest_readings_are_at_least_the_upload_lag_old_and_a_paused_phone_uploads_its_days_late()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("late@example.org", sensor: "libre2");
        var session = await h.LoginAsync("late@example.org");
        var now = h.Time.GetUtcNow().UtcDateTime;
        var from = DateTime.SpecifyKind(now.Date.AddDays(-3), DateTimeKind.Unspecified);
        var to = DateTime.SpecifyKind(now.AddDays(2), DateTimeKind.Unspecified);

        h.State.SetUploadsPaused("late@example.org", true);
        h.Time.Advance(TimeSpan.FromDays(1));
        var whileOffline = (await h.Client.GetDailyLogAsync(session, null, from, to, h.Credentials("late@example.org"))).Value!;
        h.State.SetUploadsPaused("late@example.org", false);
        var afterUpload = (await h.Client.GetDailyLogAsync(session, null, from, to, h.Credentials("late@example.org"))).Value!;

        Assert.True(afterUpload.Glucose.Count > whileOffline.Glucose.Count);
        Assert.Contains(afterUpload.Glucose, g => g.Type == GlucoseRecordType.Scan);
        Assert.Contains(afterUpload.Notes, n => n.Kind == NoteKind.Food && n.Carbs > 0);
        Assert.All(afterUpload.Notes, n => Assert.Equal(0, n.Timestamp.Minute)); // hour-bucketed (assumed)
    }

    [Fact]
    public async Task A_lower_case_window_report_is_read_too()
    {
        await using var h = await SimHarness.StartAsync(options: new SimulatorOptions { ReportVariable = "window.report" });
        h.AddPatient("lower@example.org");
        var session = await h.LoginAsync("lower@example.org");
        var to = DateTime.SpecifyKind(h.Time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);

        var log = await h.Client.GetDailyLogAsync(session, null, to.AddDays(-2), to);

        Assert.True(log.IsSuccess, log.Error?.ToString());
        Assert.NotEmpty(log.Value.Glucose);
    }

    [Fact]
    public async Task A_long_poll_that_never_finishes_is_a_provider_error_after_a_bounded_number_of_polls()
    {
        await using var h = await SimHarness.StartAsync(o => o.MaxPollAttempts = 4);
        h.AddPatient("slow@example.org");
        var session = await h.LoginAsync("slow@example.org");
        h.State.Faults.Set("us", new FaultSettings { LongPollNeverCompletes = true });
        var to = DateTime.SpecifyKind(h.Time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);

        var log = await h.Client.GetDailyLogAsync(session, null, to.AddDays(-1), to);

        Assert.Equal(LibreViewErrorKind.ProviderApiError, log.Error?.Kind);
        Assert.Equal(4, h.State.Requests.Of("GET /lp/{id}"));
    }

    [Fact]
    public async Task A_report_channel_handed_back_on_a_strangers_host_is_refused_and_never_fetched()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("stranger@example.org");
        var session = await h.LoginAsync("stranger@example.org");
        h.State.Faults.Set("us", new FaultSettings { HandBackHost = "collector.example.org" });
        var to = DateTime.SpecifyKind(h.Time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);

        var log = await h.Client.GetDailyLogAsync(session, null, to.AddDays(-1), to);

        Assert.Equal(LibreViewErrorKind.ProviderApiError, log.Error?.Kind);
        Assert.Contains("collector.example.org", log.Error!.Message);
        Assert.Equal(1, h.State.Requests.Of("POST /reports"));
        Assert.Equal(0, h.State.Requests.Of("GET /channel/{id}"));
    }

    [Fact]
    public async Task A_practice_finds_its_patient_on_the_third_dashboard_page_and_reads_the_patients_log()
    {
        await using var h = await SimHarness.StartAsync(o => o.DashboardPageSize = 2);
        var practice = await PracticeWithPatientsAsync(h, count: 5);
        var target = h.State.FindByEmail("p4@example.org")!;

        var found = await h.Client.FindPatientAsync(practice, "P4@Example.org", "CLINIC-a");
        var now = DateTime.SpecifyKind(h.Time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);
        var log = await h.Client.GetDailyLogAsync(found.Session!, found.Value!.PatientId, now.AddDays(-1), now);

        Assert.True(found.IsSuccess, found.Error?.ToString());
        Assert.Equal(target.Id, found.Value.PatientId);
        Assert.Equal("clinic-A", found.Value.PracticeId);
        Assert.Equal(3, h.State.Requests.Of("POST /dashboard"));
        Assert.Equal(1, h.State.Requests.Of("GET /patients/{id}"));
        Assert.True(log.IsSuccess, log.Error?.ToString());
        Assert.NotEmpty(log.Value.Glucose);
        Assert.Equal(1, h.State.Requests.Of("GET /patients/{id}/reportSettings"));
    }

    [Fact]
    public async Task A_bound_practice_limits_the_search_and_a_missing_patient_reads_every_page_once()
    {
        await using var h = await SimHarness.StartAsync(o => o.DashboardPageSize = 2);
        var practice = await PracticeWithPatientsAsync(h, count: 4);

        var elsewhere = await h.Client.FindPatientAsync(practice, "p1@example.org", "other-practice");
        var nobody = await h.Client.FindPatientAsync(practice, "nobody@example.org", null);

        Assert.Equal(LibreViewErrorKind.PatientNotFound, elsewhere.Error?.Kind);
        Assert.Equal(LibreViewErrorKind.PatientNotFound, nobody.Error?.Kind);
        Assert.Equal(3 + 3, h.State.Requests.Of("POST /dashboard")); // 2 + 2 + an empty last page, twice
    }

    [Fact]
    public async Task Practices_come_from_the_user()
    {
        await using var h = await SimHarness.StartAsync();
        var practice = await PracticeWithPatientsAsync(h, count: 1);

        var account = await h.Client.GetAccountAsync(practice);

        Assert.True(account.Value!.IsProfessional);
        Assert.Equal(["clinic-A"], account.Value.Practices.Select(p => p.PracticeId));
    }

    /// <summary>A practice "clinic-A" in us with <paramref name="count"/> sharing patients p0..; signed in with its code.</summary>
    private static async Task<LibreViewSession> PracticeWithPatientsAsync(SimHarness h, int count)
    {
        h.AddPatient("clinic@example.org", tweak: s => s.Kind = AccountKinds.CareTeam);
        h.State.CreatePractice(new PracticeSeed { PracticeId = "clinic-A", Name = "Clinic A", Region = "us", Members = ["clinic@example.org"] });
        for (var i = 0; i < count; i++)
        {
            h.AddPatient($"p{i}@example.org", tweak: s => s.FirstName = $"P{i}");
            h.State.AddShare(new ShareSeed { Patient = $"p{i}@example.org", PracticeId = "clinic-A", Region = "us" });
        }
        return await h.LoginWithCodeAsync("clinic@example.org");
    }
}
