using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Dashboard.Core.Access;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Core.Validation;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue #18 row 11: hostile text and dates are normalised or refused with a clear error at the edge, never a 500 and
/// never stored: NUL bytes in the patient search (the export's query) find what the clean search finds, 9999-12-31 and
/// other far dates are a 422, control characters and bidirectional overrides are refused in <c>client_user_id</c>.
/// The property tests throw generated hostile strings and dates at every text and date parameter of the API.
/// </summary>
public sealed class HostileInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _api = factory.ClientFor(ApiFactory.SandboxUsKey);

    private static readonly string[] Pieces =
    [
        "\0", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\r\n", "\t", "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u061c", "\ufeff",
        "\ud800", "\udfff", "😀", "Ω", "é", "a", "Z", "0", " ", "%00", "%", "'", "\"", "\\", "/", "../..", "<script>", "=cmd|'/C calc'!A0",
        "'; DROP TABLE \"Users\";--", "* OR 1=1", "NEAR(", "\"\"\"", new string('a', 250), new string('9', 40),
    ];

    private static readonly Gen<string> Hostile = Gen.OneOf(Pieces).Array[1, 6].Select(string.Concat);

    private static readonly string[] FarDays = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "9999-12-31T23:59:59.9999999", "0001-01-01T00:00:00"];

    private static readonly Gen<string> Dates = Gen.OneOf<string>(
        Gen.OneOf(FarDays),
        Gen.DateOnly[new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31)].Select(d => d.ToString("yyyy-MM-dd")),
        Gen.DateTime[new DateTime(1, 1, 1), new DateTime(9999, 12, 31, 23, 59, 59)].Select(d => d.ToString("yyyy-MM-ddTHH:mm:ss")));

    [Theory]
    [InlineData("patient\u202Egnp.exe")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0byte")]
    [InlineData("bell\u0007")]
    [InlineData("\u2066isolate\u2069")]
    public async Task Client_user_ids_with_hidden_characters_are_refused_clearly(string clientUserId)
    {
        var created = await _api.PostAsJsonAsync("/v2/user", new { client_user_id = clientUserId });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        var item = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")[0];
        Assert.Equal("[\"body\",\"client_user_id\"]", item.GetProperty("loc").GetRawText());
        Assert.Contains("control characters", item.GetProperty("msg").GetString());
        Assert.Equal(0, await StoreAsync(db => db.Users.CountAsync(u => u.ClientUserId == clientUserId || u.ClientUserId == clientUserId.Trim())));
    }

    [Theory]
    [InlineData("9999-12-31", "2000-01-01")]
    [InlineData("2026-01-01", "9999-12-31")]
    [InlineData("0001-01-01", "2026-01-01")]
    [InlineData("2026-01-01", "9999-12-31T23:59:59.9999999")]
    public async Task Far_dates_in_a_window_are_a_422_naming_the_parameter(string start, string end)
    {
        var user = await NewUserAsync();

        var response = await _api.GetAsync($"/v2/timeseries/{user}/glucose?start_date={Uri.EscapeDataString(start)}&end_date={Uri.EscapeDataString(end)}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail")[0];
        Assert.Contains("1900-01-01", item.GetProperty("msg").GetString());
        var far = start.StartsWith("9999") || start.StartsWith("0001") ? "start_date" : "end_date";
        Assert.Equal($"[\"query\",\"{far}\"]", item.GetProperty("loc").GetRawText());
    }

    [Fact]
    public async Task A_search_with_nul_bytes_and_bidi_controls_finds_what_the_clean_search_finds()
    {
        var id = "nulsearch-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsJsonAsync("/v2/user", new { client_user_id = id })).StatusCode);
        var scope = await ScopeAsync();
        var query = factory.Services.GetRequiredService<PatientListQuery>();

        async Task<List<string>> ExportRowsAsync(string search)
        {
            var rows = new List<string>();
            await foreach (var row in query.AllAsync(scope, new PatientListFilter(Search: search), PatientSortColumn.ClientUserId, false))
            {
                rows.Add(row.ClientUserId);
            }
            return rows;
        }

        var clean = await ExportRowsAsync(id);
        Assert.Equal([id], clean);
        Assert.Equal(clean, await ExportRowsAsync("\0" + id[..5] + "\0" + id[5..] + "\u202e"));
        Assert.Equal(clean, await ExportRowsAsync(id + "\0\0\0"));
        Assert.NotEmpty(await ExportRowsAsync("\0\0")); // nothing left to search: every row, as with an empty box
    }

    [Fact]
    public async Task Property_every_text_parameter_takes_hostile_strings_without_a_500_or_a_hidden_character_stored()
    {
        var user = await NewUserAsync();
        var scope = await ScopeAsync();
        var query = factory.Services.GetRequiredService<PatientListQuery>();
        await Hostile.SampleAsync(async text =>
        {
            var escaped = Uri.EscapeDataString(text.Replace("\ud800", "").Replace("\udfff", "")); // a URI carries UTF-8 only
            await AssertAnsweredAsync(_api.PostAsJsonAsync("/v2/user", new { client_user_id = text }), "create user");
            await AssertAnsweredAsync(_api.PatchAsJsonAsync($"/v2/user/{user}", new { client_user_id = text }), "patch client_user_id");
            await AssertAnsweredAsync(_api.PatchAsJsonAsync($"/v2/user/{user}", new { fallback_time_zone = text }), "patch fallback_time_zone");
            // A NUL in a path never reaches the app (Kestrel answers 400 for %00 in the request line; the test server cannot carry it).
            await AssertAnsweredAsync(_api.GetAsync($"/v2/user/resolve/{escaped.Replace("%00", "")}x"), "resolve");
            await AssertAnsweredAsync(_api.PostAsync($"/v2/user/undo_delete?client_user_id={escaped}", null), "undo delete");
            await AssertAnsweredAsync(_api.PostAsJsonAsync("/v2/link/token", new { user_id = user, redirect_url = text }), "redirect_url");
            await AssertAnsweredAsync(_api.PostAsJsonAsync("/v2/link/token", new { user_id = user, provider = text }), "link token provider");
            await AssertAnsweredAsync(_api.GetAsync($"/v2/providers?source_type={escaped}"), "providers");
            await AssertAnsweredAsync(_api.GetAsync($"/v2/introspect/historical_pull?provider={escaped}&next_cursor={escaped}"), "introspect");
            await AssertAnsweredAsync(_api.GetAsync($"/v2/timeseries/{user}/glucose/grouped?start_date=2026-01-01&end_date=2026-01-02&next_cursor={escaped}&provider={escaped}"), "grouped cursor");
            await AssertAnsweredAsync(_api.GetAsync($"/v2/timeseries/{user}/glucose?start_date={escaped}"), "start_date text");
            await AssertAnsweredAsync(LinkCallAsync(new { username = text, password = text }), "password link");
            await AssertAnsweredAsync(LinkCallAsync(new { mfa_code = text }, "/complete_mfa"), "mfa code");
            await AssertAnsweredAsync(LinkCallAsync(new { email = text, region = text }, path: "/v2/link/provider/email/freestyle_libre"), "email link");
            await foreach (var _ in query.AllAsync(scope, new PatientListFilter(Search: text), PatientSortColumn.ClientUserId, false))
            {
            }
        }, iter: 40, threads: 1);

        Assert.Equal(0, await StoreAsync(async db => (await db.Users.Select(u => u.ClientUserId).ToListAsync()).Count(InputText.HasHiddenCharacters)));
        Assert.Equal(0, await StoreAsync(async db => (await db.Users.Where(u => u.FallbackTimeZone != null).Select(u => u.FallbackTimeZone!).ToListAsync()).Count(InputText.HasHiddenCharacters)));
    }

    [Fact]
    public async Task Property_every_date_parameter_takes_far_and_odd_dates_without_a_500()
    {
        var user = await NewUserAsync();
        await Gen.Select(Dates, Dates).SampleAsync(async (start, end) =>
        {
            var window = $"start_date={Uri.EscapeDataString(start)}&end_date={Uri.EscapeDataString(end)}";
            foreach (var resource in new[] { "glucose", "glucose/grouped", "note/grouped", "carbohydrates/grouped", "insulin_injection/grouped" })
            {
                var answer = await AssertAnsweredAsync(_api.GetAsync($"/v2/timeseries/{user}/{resource}?{window}"), resource);
                if (IsFar(start) || IsFar(end)) Assert.Equal(HttpStatusCode.UnprocessableEntity, answer);
            }
            var day = start.Length > 10 ? start[..10] : start;
            foreach (var field in new[] { "fallback_birth_date", "ingestion_start", "ingestion_end" })
            {
                var body = new Dictionary<string, object?> { [field] = day };
                var answer = await AssertAnsweredAsync(_api.PatchAsJsonAsync($"/v2/user/{user}", body), field);
                if (IsFar(day)) Assert.Equal(HttpStatusCode.UnprocessableEntity, answer);
                body["client_user_id"] = "dates-" + Guid.NewGuid().ToString("N")[..10];
                await AssertAnsweredAsync(_api.PostAsJsonAsync("/v2/user", body), "create with " + field);
            }
            await AssertAnsweredAsync(_api.GetAsync($"/v2/user/{user}"), "read back");
        }, iter: 40, threads: 1);
    }

    private static bool IsFar(string text) =>
        DateOnly.TryParse(text.Length > 10 ? text[..10] : text, System.Globalization.CultureInfo.InvariantCulture, out var day) && !InputDates.IsPlausible(day);

    /// <summary>The call was answered as the API answers: below 500, as JSON, a 4xx in one of Junction's envelopes.</summary>
    private static async Task<HttpStatusCode> AssertAnsweredAsync(Task<HttpResponseMessage> call, string what)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{what}: HTTP {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out _), $"{what}: {body}");
        }
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> LinkCallAsync(object body, string suffix = "", string path = "/v2/link/provider/password/abbott_libreview")
    {
        var token = await NewTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, path + suffix) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-vital-link-token", token);
        return await factory.AnonymousClient().SendAsync(request);
    }

    private async Task<string> NewUserAsync() =>
        (await (await _api.PostAsJsonAsync("/v2/user", new { client_user_id = "hostile-" + Guid.NewGuid().ToString("N")[..10] }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user_id").GetString()!;

    private async Task<string> NewTokenAsync() =>
        (await (await _api.PostAsJsonAsync("/v2/link/token", new { user_id = await NewUserAsync() })).Content.ReadFromJsonAsync<JsonElement>())
        .GetProperty("link_token").GetString()!;

    private async Task<StaffScope> ScopeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var team = await db.Teams.Include(t => t.Organization).FirstAsync(t => t.Name == "Sandbox US");
        return new StaffScope(team.OrganizationId, team.Organization!.Name, await db.Teams.Where(t => t.OrganizationId == team.OrganizationId).Select(t => t.Id).ToListAsync());
    }

    private async Task<T> StoreAsync<T>(Func<DashboardDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }
}
