using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using LibreView.Tests.Support;
using LibreView.Wire;

namespace LibreView.Tests.Data;

/// <summary>Connections, graph, logbook, history and practice lookups against the simulator.</summary>
public class DataTests
{
    [Fact]
    public async Task A_patient_sees_themself_with_the_latest_reading_and_a_refreshed_ticket()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("self@example.org", region: "eu", tweak: s => s.Unit = "mmol/L");
        var session = await h.LoginAsync("self@example.org", region: "eu");
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await h.Client.GetConnectionsAsync(session);

        var connection = Assert.Single(result.Value!);
        Assert.Equal(patient.Id, connection.PatientId);
        Assert.Equal(GlucoseUnit.MmolPerL, connection.Unit);
        var latest = connection.Latest!;
        Assert.Equal(Math.Round(latest.ValueMgPerDl / 18.0182, 1), latest.Value);
        Assert.True(h.Time.GetUtcNow() - latest.FactoryTimestamp < TimeSpan.FromMinutes(6));
        Assert.NotEqual(session.Token, result.Session!.Token);
        Assert.True(result.Session.ExpiresAt > session.ExpiresAt);
    }

    [Fact]
    public async Task Graph_holds_the_last_twelve_hours_of_historic_readings()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("graph@example.org");
        var session = await h.LoginAsync("graph@example.org");
        var now = h.Time.GetUtcNow();

        var graph = (await h.Client.GetGraphAsync(session, patient.Id)).GetValueOrThrow();

        var expected = patient.Data!.Historic(now.AddHours(-12), now.AddTicks(1)).ToList();
        Assert.Equal(expected.Count, graph.Points.Count);
        Assert.Equal(expected.Select(r => r.Local), graph.Points.Select(p => p.Timestamp));
        Assert.Equal(expected.Select(r => (double)r.MgPerDl), graph.Points.Select(p => p.ValueMgPerDl));
        Assert.InRange(graph.Points.Count, 100, 144);
        Assert.Equal(5, Assert.Single(graph.ActiveSensors).ProductType);
    }

    [Fact]
    public async Task Libre2_logbook_lists_scans_newest_first()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("scans@example.org", sensor: "libre2");
        var session = await h.LoginAsync("scans@example.org");

        var logbook = (await h.Client.GetLogbookAsync(session, patient.Id)).GetValueOrThrow();

        Assert.InRange(logbook.Count, 40, 150); // 5–10 scans a day for two weeks, minus warm-ups and signal loss
        Assert.All(logbook, r => Assert.Equal(GlucoseRecordType.Scan, r.Type));
        Assert.All(logbook, r => Assert.InRange(r.TrendArrow!.Value, 1, 5));
        Assert.Equal(logbook.OrderByDescending(r => r.FactoryTimestamp), logbook);
    }

    [Fact]
    public async Task Another_patients_data_could_not_be_loaded()
    {
        await using var h = await SimHarness.StartAsync();
        var other = h.AddPatient("other@example.org");
        h.AddPatient("me@example.org");
        var session = await h.LoginAsync("me@example.org");

        var theirs = await h.Client.GetGraphAsync(session, other.Id);
        var unknown = await h.Client.GetLogbookAsync(session, Guid.NewGuid().ToString());

        Assert.Equal(LibreViewErrorKind.PatientNotFound, theirs.Error?.Kind);
        Assert.Equal(LibreViewErrorKind.PatientNotFound, unknown.Error?.Kind);
    }

    [Fact]
    public async Task Ninety_days_of_libre3_history_arrive_page_by_page_with_exact_counts()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("ninety@example.org", profile: "hyperglycaemic");
        var session = await h.LoginAsync("ninety@example.org");
        var to = h.Time.GetUtcNow();
        var from = to.AddDays(-90);

        var pages = new List<HistoryPage>();
        await foreach (var page in h.Client.ReadHistoryAsync(session, patient.Id, from, to))
            pages.Add(page.GetValueOrThrow());

        Assert.Equal(90, pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Equal(from.AddDays(i), pages[i].From);
            Assert.Equal(from.AddDays(i + 1), pages[i].To);
            Assert.All(pages[i].Glucose, g => Assert.True(g.FactoryTimestamp >= pages[i].From && g.FactoryTimestamp < pages[i].To));
            Assert.Equal(patient.Data!.Historic(pages[i].From, pages[i].To).Count(), pages[i].Glucose.Count);
        }
        Assert.Null(pages[^1].NextCursor);

        var glucose = pages.SelectMany(p => p.Glucose).ToList();
        var expected = patient.Data!.Historic(from, to).ToList();
        Assert.Equal(expected.Count, glucose.Count);
        Assert.Equal(glucose.Count, glucose.Select(g => g.FactoryTimestamp).Distinct().Count());
        Assert.InRange(glucose.Count, 90 * 288 * 9 / 10, 90 * 288);
        Assert.All(glucose, g => Assert.Equal(GlucoseRecordType.Historic, g.Type));
        Assert.Equal(expected.Select(e => e.Utc), glucose.Select(g => g.FactoryTimestamp));

        var notes = pages.SelectMany(p => p.Notes).ToList();
        Assert.Equal(patient.Data.Notes(from, to).Count(), notes.Count);
        Assert.Contains(notes, n => n.Kind == NoteKind.Food && n.Carbs > 0);
        Assert.Contains(notes, n => n.Kind == NoteKind.RapidInsulin && n.Units > 0);
        Assert.Contains(notes, n => n.Kind == NoteKind.LongInsulin && n.Units > 0);
        Assert.Contains(notes, n => n.Kind == NoteKind.Note && !string.IsNullOrEmpty(n.Text));
    }

    [Fact]
    public async Task History_pages_join_exactly_even_from_an_instant_with_a_fraction_of_a_second()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("fraction@example.org");
        var session = await h.LoginAsync("fraction@example.org");
        var to = h.Time.GetUtcNow().AddMilliseconds(-1234.5678);
        var from = to.AddDays(-2.5);

        var pages = new List<HistoryPage>();
        await foreach (var page in h.Client.ReadHistoryAsync(session, patient.Id, from, to))
            pages.Add(page.GetValueOrThrow());

        Assert.Equal(3, pages.Count);
        Assert.Equal(from, pages[0].From);
        Assert.Equal(to, pages[^1].To);
        Assert.All(pages.Skip(1).Zip(pages), p => Assert.Equal(p.Second.To, p.First.From));
        var times = pages.SelectMany(p => p.Glucose).Select(g => g.FactoryTimestamp).ToList();
        Assert.Equal(patient.Data!.Historic(from, to).Select(r => r.Utc), times);
    }

    [Fact]
    public async Task History_of_a_libre2_patient_mixes_historic_readings_and_scans()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("mixed@example.org", sensor: "libre2");
        var session = await h.LoginAsync("mixed@example.org");
        var to = h.Time.GetUtcNow();

        var page = (await h.Client.GetHistoryPageAsync(session, patient.Id, to.AddDays(-3), to)).GetValueOrThrow();

        Assert.NotNull(page.NextCursor);
        Assert.Equal(TimeSpan.FromDays(1), page.To - page.From);
        var historic = page.Glucose.Where(g => g.Type == GlucoseRecordType.Historic).ToList();
        Assert.Equal(patient.Data!.Historic(page.From, page.To).Count(), historic.Count);
        Assert.Equal(patient.Data.Scans(page.From, page.To).Count(), page.Glucose.Count - historic.Count);
        Assert.InRange(historic.Count, 80, 96);
    }

    [Fact]
    public async Task A_care_team_admin_finds_a_sharing_patient_by_email_with_any_case_of_practice_id()
    {
        await using var h = await SimHarness.StartAsync();
        var shared = h.AddPatient("shared@example.org");
        h.AddPatient("private@example.org");
        h.State.CreateAccount(new AccountSeed { Email = "care@example.org", Password = SimHarness.Password, Kind = AccountKinds.CareTeam });
        h.State.CreatePractice(new PracticeSeed { PracticeId = "tryVital-sandbox", Name = "Vital Sandbox", Region = "us", Members = ["care@example.org"] });
        h.State.CreatePractice(new PracticeSeed { PracticeId = "elsewhere", Region = "us" });
        h.State.AddShare(new ShareSeed { Patient = "shared@example.org", PracticeId = "TRYVITAL-SANDBOX", Region = "us" });
        var session = await h.LoginAsync("care@example.org");

        var practices = (await h.Client.GetPracticesAsync(session)).GetValueOrThrow();
        var found = (await h.Client.FindPracticePatientAsync(session, "TryVital-Sandbox", "SHARED@example.org")).GetValueOrThrow();
        var notSharing = await h.Client.FindPracticePatientAsync(session, "tryVital-sandbox", "private@example.org");
        var notMine = await h.Client.FindPracticePatientAsync(session, "elsewhere", "shared@example.org");
        var connections = (await h.Client.GetConnectionsAsync(session)).GetValueOrThrow();
        var graph = await h.Client.GetGraphAsync(session, shared.Id);

        Assert.Equal(new Practice("tryVital-sandbox", "Vital Sandbox", "us"), Assert.Single(practices));
        Assert.Equal((shared.Id, "tryVital-sandbox"), (found.PatientId, found.PracticeId));
        Assert.Equal(LibreViewErrorKind.PatientNotFound, notSharing.Error?.Kind);
        Assert.Equal(LibreViewErrorKind.ProviderApiError, notMine.Error?.Kind);
        Assert.Equal(shared.Id, Assert.Single(connections).PatientId);
        Assert.True(graph.IsSuccess, graph.Error?.ToString());
    }

    [Fact]
    public async Task Protocol_errors_have_the_real_shapes()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("raw@example.org");
        var session = await h.LoginAsync("raw@example.org");

        var noAccountId = await Send(h, HttpMethod.Get, "/us/llu/connections", session.Token, accountId: null);
        var wrongAccountId = await Send(h, HttpMethod.Get, "/us/llu/connections", session.Token, accountId: AccountId.FromUserId("someone"));
        var oldVersion = await Send(h, HttpMethod.Get, "/us/llu/connections", session.Token, session.AccountId, version: "4.15.9");
        var otherRegion = await Send(h, HttpMethod.Get, "/eu/llu/connections", session.Token, session.AccountId);

        Assert.Equal((HttpStatusCode.BadRequest, """{"message":"RequiredHeaderMissing"}"""), noAccountId);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAccountId.Status);
        Assert.Equal((HttpStatusCode.Forbidden, """{"data":{"minimumVersion":"4.16.0"},"status":920}"""), oldVersion);
        Assert.Equal(HttpStatusCode.Unauthorized, otherRegion.Status);

        for (var i = 0; i < 5; i++)
            await h.Client.LoginAsync(h.Credentials("raw@example.org", password: "bad"));
        var locked = await Send(h, HttpMethod.Post, "/us/llu/auth/login", null, null, body: new WireLoginRequest("raw@example.org", "bad"));
        Assert.Equal((HttpStatusCode.TooManyRequests,
            """{"status":429,"data":{"code":60,"data":{"failures":5,"interval":60,"lockout":300},"message":"locked"}}"""), locked);
    }

    private static async Task<(HttpStatusCode Status, string Body)> Send(SimHarness h, HttpMethod method, string path, string? token, string? accountId,
        string version = "4.16.0", object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(LibreHeaders.Product, "llu.android");
        request.Headers.Add(LibreHeaders.Version, version);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (accountId is not null) request.Headers.Add(LibreHeaders.AccountId, accountId);
        if (body is not null) request.Content = JsonContent.Create(body, options: LibreJson.Options);
        using var response = await h.Control.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
