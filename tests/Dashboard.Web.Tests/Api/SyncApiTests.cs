using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The app with short historical pulls, so a test can link a patient and sync them by hand.</summary>
public sealed class SyncApiFactory : ApiFactory
{
    public const int HistoricalDays = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sync:HistoricalDays", HistoricalDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Refresh, the timeseries and the historical-pull introspection of a patient linked and synced through the API.</summary>
public sealed class SyncApiTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);
    private readonly HttpClient _eu = factory.ClientFor(ApiFactory.ProductionEuKey);

    private Task<(string UserId, string Email)> LinkedAndSyncedAsync() => LinkedPatients.LinkAndSyncAsync(factory, _us);

    private static string Day(int daysFromToday) => DateTime.UtcNow.Date.AddDays(daysFromToday).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Glucose_comes_back_as_stored_in_mmol_by_default_and_in_mg_dL_on_request()
    {
        var (userId, _) = await LinkedAndSyncedAsync();

        var mmol = await _us.GetFromJsonAsync<JsonElement[]>($"/v2/timeseries/{userId}/glucose?start_date={Day(-5)}&end_date={Day(1)}");
        var mgdl = await _us.GetFromJsonAsync<JsonElement[]>($"/v2/timeseries/{userId}/glucose?start_date={Day(-5)}&end_date={Day(1)}&unit=mg/dL&provider=abbott_libreview");

        var stored = await WithDbAsync(db => db.Readings.AsNoTracking().Where(r => r.UserId == Guid.Parse(userId)).OrderBy(r => r.Timestamp).ThenBy(r => r.Kind).ToListAsync());
        // About 96 readings a day; the newest day may be only partly uploaded yet (the simulator's upload lag and late
        // days, as LibreView's), so the whole days before it are what a pull must at least have brought.
        Assert.True(stored.Count is >= (SyncApiFactory.HistoricalDays - 1) * 90 and <= SyncApiFactory.HistoricalDays * 110, $"{stored.Count} {stored[0].Timestamp:O} {stored[^1].Timestamp:O} {DateTime.UtcNow:O} {string.Join(",", stored.GroupBy(r => r.Kind).Select(g => g.Key + ":" + g.Count()))}");
        Assert.Equal(stored.Count, mmol!.Length);
        Assert.Equal(stored.Count, mgdl!.Length);
        var first = mmol[0];
        Assert.Equal(stored[0].Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss") + "+00:00", first.GetProperty("timestamp").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("timezone_offset").ValueKind);
        Assert.Equal("mmol/L", first.GetProperty("unit").GetString());
        Assert.Equal(Math.Round(stored[0].ValueMgdl / 18.0182, 1), first.GetProperty("value").GetDouble());
        Assert.Equal("mg/dL", mgdl[0].GetProperty("unit").GetString());
        Assert.Equal(stored.Select(r => r.MeasuredValue), mgdl.Select(s => s.GetProperty("value").GetDouble()));
        Assert.Equal(stored.Select(r => r.Kind == ReadingKind.Automatic ? "automatic" : "manual_scan"), mgdl.Select(s => s.GetProperty("type").GetString()));
        Assert.Contains(mgdl, s => s.GetProperty("type").GetString() == "manual_scan");
    }

    [Theory]
    [InlineData("")]
    [InlineData("&unit=mg/dL")]
    public async Task The_streamed_glucose_answer_is_sample_for_sample_what_the_serialized_grouped_answer_holds(string unit)
    {
        var (userId, _) = await LinkedAndSyncedAsync();
        var window = $"start_date={Day(-5)}&end_date={Day(1)}{unit}";

        // glucose is written straight from the store's reader; glucose/grouped goes through the API's serializer.
        using var streamed = JsonDocument.Parse(await _us.GetStringAsync($"/v2/timeseries/{userId}/glucose?{window}"));
        var serialized = new List<string>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await _us.GetStringAsync($"/v2/timeseries/{userId}/glucose/grouped?{window}" + (cursor is null ? "" : "&next_cursor=" + Uri.EscapeDataString(cursor))));
            foreach (var group in page.RootElement.GetProperty("groups").GetProperty("abbott_libreview").EnumerateArray())
            {
                serialized.AddRange(group.GetProperty("data").EnumerateArray().Select(sample => sample.GetRawText()));
            }
            cursor = page.RootElement.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.NotEmpty(serialized);
        Assert.Equal(serialized, streamed.RootElement.EnumerateArray().Select(sample => sample.GetRawText()));
    }

    [Fact]
    public async Task Carbohydrates_and_insulin_are_hourly_sums_recomputed_from_the_entries()
    {
        var (userId, _) = await LinkedAndSyncedAsync();
        var entries = await WithDbAsync(db => db.Notes.AsNoTracking().Where(n => n.UserId == Guid.Parse(userId)).ToListAsync());

        var carbs = await _us.GetFromJsonAsync<JsonElement>($"/v2/timeseries/{userId}/carbohydrates/grouped?start_date={Day(-5)}&end_date={Day(1)}");
        var samples = carbs.GetProperty("groups").GetProperty("abbott_libreview")[0].GetProperty("data").EnumerateArray().ToList();
        var expected = entries.Where(n => n.Kind == NoteKind.Carbohydrates)
            .GroupBy(n => n.Timestamp.ToString("yyyy-MM-dd'T'HH':00:00+00:00'")).OrderBy(g => g.Key).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(g => g.Key), samples.Select(s => s.GetProperty("timestamp").GetString()));
        Assert.Equal(expected.Select(g => g.Sum(n => n.Amount!.Value)), samples.Select(s => s.GetProperty("value").GetDouble()));
        Assert.All(samples, s => Assert.Equal("g", s.GetProperty("unit").GetString()));

        var insulin = await _us.GetFromJsonAsync<JsonElement>($"/v2/timeseries/{userId}/insulin_injection/grouped?start_date={Day(-5)}");
        var doses = insulin.GetProperty("groups").GetProperty("abbott_libreview")[0].GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(entries.Where(n => n.Kind is NoteKind.RapidActingInsulin or NoteKind.LongActingInsulin).Sum(n => n.Amount!.Value),
            doses.Sum(d => d.GetProperty("value").GetDouble()), 6);
        Assert.Contains(doses, d => d.GetProperty("type").GetString() == "long_acting");
    }

    [Fact]
    public async Task Introspection_shows_the_finished_pull_per_resource_and_refresh_makes_the_user_due()
    {
        var (userId, _) = await LinkedAndSyncedAsync();

        var report = await _us.GetFromJsonAsync<JsonElement>($"/v2/introspect/historical_pull?user_id={userId}");
        var entry = Assert.Single(report.GetProperty("data").EnumerateArray());
        Assert.Equal(userId, entry.GetProperty("user_id").GetString());
        var pulled = entry.GetProperty("provider").GetProperty("abbott_libreview").GetProperty("pulled");
        var glucose = pulled.GetProperty("glucose");
        Assert.Equal("success", glucose.GetProperty("status").GetString());
        Assert.Equal(SyncApiFactory.HistoricalDays, glucose.GetProperty("days_done").GetInt32());
        // The report's days are the device's calendar dates: a 3-day range of wall-clock time touches 3 or 4 of them.
        Assert.InRange(glucose.GetProperty("days_with_data").GetInt32(), SyncApiFactory.HistoricalDays, SyncApiFactory.HistoricalDays + 1);
        Assert.Equal(["scheduled", "in_progress", "success"], glucose.GetProperty("status_changes").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        Assert.NotEqual(JsonValueKind.Null, glucose.GetProperty("timeline").GetProperty("ended_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, glucose.GetProperty("error_details").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("next_cursor").ValueKind);

        var resources = await _us.GetFromJsonAsync<JsonElement>($"/v2/introspect/resources?user_id={userId}");
        var stored = Assert.Single(resources.GetProperty("data").EnumerateArray()).GetProperty("provider").GetProperty("abbott_libreview").GetProperty("glucose");
        Assert.True(stored.GetProperty("sent_count").GetInt32() > 0);
        Assert.Equal("success", stored.GetProperty("last_attempt").GetProperty("status").GetString());

        var refresh = await (await _us.PostAsync($"/v2/user/refresh/{userId}", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(refresh.GetProperty("success").GetBoolean());
        Assert.Contains("abbott_libreview/glucose", refresh.GetProperty("refreshed_sources").EnumerateArray().Select(p => p.GetString()));
        var state = await WithDbAsync(db => db.SyncStates.AsNoTracking().SingleAsync(s => s.Connection!.UserId == Guid.Parse(userId)));
        Assert.True(state.NextDueAt <= DateTime.UtcNow);
    }

    [Theory]
    [InlineData("", 422)]
    [InlineData("?start_date=2026-01-01&provider=no_such_provider", 422)]
    [InlineData("?start_date=yesterday", 400)]
    [InlineData("?start_date=2026-02-30", 400)]
    [InlineData("?start_date=2026-03-01&end_date=2026-02-01", 400)]
    [InlineData("?start_date=2025-01-01&end_date=2026-01-01", 400)]
    [InlineData("?start_date=2026-01-01&provider=dexcom", 400)]
    [InlineData("?start_date=2026-01-01&unit=mmol", 400)]
    public async Task Bad_glucose_queries_are_refused_in_the_error_envelope(string query, int status)
    {
        var user = await (await _us.PostAsJsonAsync("/v2/user", new { client_user_id = "q-" + Guid.NewGuid().ToString("N")[..10] })).Content.ReadFromJsonAsync<JsonElement>();

        foreach (var resource in new[] { "glucose", "glucose/grouped" })
        {
            var response = await _us.GetAsync($"/v2/timeseries/{user.GetProperty("user_id").GetString()}/{resource}{query}");

            Assert.Equal(status, (int)response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("detail", out _));
        }
    }

    [Fact]
    public async Task A_year_is_allowed_an_unknown_resource_is_a_404_and_another_teams_user_is_a_404()
    {
        var user = await (await _us.PostAsJsonAsync("/v2/user", new { client_user_id = "q-" + Guid.NewGuid().ToString("N")[..10] })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = user.GetProperty("user_id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await _us.GetAsync($"/v2/timeseries/{userId}/glucose?start_date=2025-01-01&end_date=2025-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _us.GetAsync($"/v2/timeseries/{userId}/steps/grouped?start_date=2025-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.GetAsync($"/v2/timeseries/{userId}/glucose?start_date=2025-01-01&end_date=2025-01-02")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.GetAsync($"/v2/timeseries/{userId}/note/grouped?start_date=2025-01-01&end_date=2025-01-02")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _eu.PostAsync($"/v2/user/refresh/{userId}", null)).StatusCode);
        var foreign = await _eu.GetFromJsonAsync<JsonElement>($"/v2/introspect/historical_pull?user_id={userId}");
        Assert.Equal(0, foreign.GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await _us.GetAsync("/v2/introspect/historical_pull?provider=dexcom")).StatusCode);
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> read)
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }
}
