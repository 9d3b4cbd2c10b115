using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LibreView.Csv;
using LibreView.Tests.Captures;
using LibreView.Tests.Support;

namespace LibreView.Tests.Data;

/// <summary>
/// The two surfaces of the reference's §9 the product does not call: <c>/glucoseHistory</c> (aggregates, §3.5) and the
/// captcha-gated CSV <c>/export</c> (§3.7). The simulator serves them in the reference's shapes; the client never asks.
/// </summary>
public class SummaryAndExportTests
{
    private static JsonElement Capture(string path) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Folder(""), path))).RootElement;

    [Fact]
    public async Task Glucose_history_gives_periods_of_aggregates_with_the_reference_keys_and_a_wrong_region_fails_as_captured()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("summary@example.org");
        var session = await h.LoginAsync("summary@example.org");

        using var answer = await GetJsonAsync(h, "/us/glucoseHistory?numPeriods=2&period=14", session.Token);
        var root = answer.RootElement;
        ConformanceTests.AssertConforms(Capture("libreview-web/synthetic/glucose_history_response.synthetic.json"), root);
        var periods = root.GetProperty("data").GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(2, periods.Count);
        var last = periods[^1];
        Assert.Equal(14 * 86_400, last.GetProperty("dateEnd").GetInt64() - last.GetProperty("dateStart").GetInt64());
        var start = DateTimeOffset.FromUnixTimeSeconds(last.GetProperty("dateStart").GetInt64());
        var served = patient.Data!.Historic(start, h.Time.GetUtcNow().AddMinutes(-17)).ToList();
        Assert.Equal(Math.Round(served.Average(r => r.MgPerDl), 1), last.GetProperty("avgGlucose").GetDouble());
        Assert.Equal(served.Max(r => r.MgPerDl), last.GetProperty("data").GetProperty("maxGlucoseValue").GetInt32());
        var block = last.GetProperty("data").GetProperty("blocks")[0].EnumerateArray().ToList();
        Assert.Equal(96, block.Count); // 15-minute times of day (assumed)
        Assert.All(block, b => Assert.True(b.GetProperty("percentile5").GetInt32() <= b.GetProperty("percentile50").GetInt32()
                                           && b.GetProperty("percentile50").GetInt32() <= b.GetProperty("percentile95").GetInt32()));

        using var wrongRegion = await GetJsonAsync(h, "/eu/glucoseHistory?numPeriods=1&period=14", session.Token);
        ConformanceTests.AssertConforms(Capture("libreview-web/snippets/diable/glucose_history_failed_to_load.json"), wrongRegion.RootElement);
        Assert.Equal("failedToLoadHistory", wrongRegion.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_export_needs_a_captcha_answer_and_goes_through_the_channel_to_a_csv_with_every_uploaded_reading()
    {
        await using var h = await SimHarness.StartAsync();
        var patient = h.AddPatient("export@example.org", sensor: "libre2");
        var session = await h.LoginAsync("export@example.org");

        using var refused = await PostJsonAsync(h, "/us/export", new { type = "glucose" }, session.Token);
        Assert.NotEqual(0, refused.RootElement.GetProperty("status").GetInt32());

        using var started = await PostJsonAsync(h, "/us/export", new { captchaResponse = "any-answer", type = "glucose" }, session.Token);
        ConformanceTests.AssertConforms(Capture("libreview-web/snippets/libreview-data-export/export_response.json"), started.RootElement);
        using var channel = await GetJsonAsync(h, started.RootElement.GetProperty("data").GetProperty("url").GetString()!, session.Token);
        var longPoll = channel.RootElement.GetProperty("data").GetProperty("lp").GetString()!;
        var ready = await GetJsonAsync(h, longPoll, session.Token);
        for (var polls = 1; ready.RootElement.GetProperty("operation").GetString() == "started" && polls < 10; polls++)
        {
            ready.Dispose();
            ready = await GetJsonAsync(h, longPoll, session.Token);
        }
        Assert.Equal("update", ready.RootElement.GetProperty("operation").GetString());
        var csvUrl = ready.RootElement.GetProperty("args").GetProperty("url").GetString()!;
        ready.Dispose();

        using var download = await h.Control.GetAsync(csvUrl); // no Authorization, as from S3
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Contains("\r\n", System.Text.Encoding.UTF8.GetString(bytes));
        var parsed = LibreViewCsvParser.Parse(bytes);

        Assert.True(parsed.Succeeded, parsed.Error);
        var uploaded = h.Time.GetUtcNow().AddMinutes(-17);
        var historic = patient.Data!.Historic(patient.Data.DataStart, uploaded).ToList();
        // The export has whole minutes, as LibreView's does.
        Assert.Equal(historic.Select(r => r.Local.AddTicks(-(r.Local.Ticks % TimeSpan.TicksPerMinute))), parsed.Readings.Where(r => r.RecordType == RecordType.Historic).Select(r => r.Timestamp));
        Assert.Equal(historic.Select(r => (double)r.MgPerDl), parsed.Readings.Where(r => r.RecordType == RecordType.Historic).Select(r => r.Value));
        Assert.Equal(patient.Data.Scans(patient.Data.DataStart, uploaded).Count(), parsed.Readings.Count(r => r.RecordType == RecordType.Scan));
        Assert.Equal(patient.Data.Notes(patient.Data.DataStart, uploaded).Count(), parsed.Notes.Count);
        Assert.Equal(0, parsed.RejectedRowCount);
        Assert.Equal(0, h.State.Requests.Unlisted);
    }

    [Fact]
    public async Task The_client_reads_history_through_the_report_pipeline_only_never_the_summary_or_the_export()
    {
        await using var h = await SimHarness.StartAsync();
        h.AddPatient("only-reports@example.org");
        var session = await h.LoginAsync("only-reports@example.org");
        var now = DateTime.SpecifyKind(h.Time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);

        Assert.True((await h.Client.GetDailyLogAsync(session, null, now.AddDays(-3), now)).IsSuccess);

        Assert.Equal(
            ["GET /channel/{id}", "GET /lp/{id}", "GET /report/{id}/{file}", "GET /reportSettings", "POST /auth/login", "POST /reports"],
            h.State.Requests.ByEndpoint.Keys.Where(k => h.State.Requests.Of(k) > 0).Order(StringComparer.Ordinal));
    }

    private static async Task<JsonDocument> GetJsonAsync(SimHarness h, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await h.Control.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonDocument> PostJsonAsync(SimHarness h, string url, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await h.Control.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
