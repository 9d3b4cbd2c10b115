using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Dashboard.TestSupport;
using LibreView.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace Dashboard.EndToEnd.Tests.ScaleOut;

/// <summary>
/// DESIGN §10 as an operator runs it: two real app processes on one PostgreSQL database behind nginx with sticky
/// sessions. Everything is checked through the product's public surface — the Junction API through nginx, the
/// browser, and SQL on the shared database — so the test does not depend on how a pull talks to LibreView.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TwoInstanceTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Patients = 200;
    private const string ApiKey = "dev_sandbox_us_key";
    private const string Password = "Libre-Passw0rd!";
    private const string Prefix = "scale-";

    [Fact]
    public async Task Two_instances_share_the_pulls_survive_a_SIGKILL_and_keep_a_signed_in_page_working()
    {
        await using var database = await StoreDatabase.CreatePostgreSqlAsync();
        var simulatorOptions = new SimulatorOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.Development.json")).Build()
            .GetSection("LibreViewSimulator").Bind(simulatorOptions);
        await using var simulator = await SimulatorServer.StartAsync(simulatorOptions);
        var (portA, portB) = (LoopbackPort.Free(), LoopbackPort.Free());
        // One after the other: the first migrates the empty database and seeds the demo organisation.
        await using var a = await AppProcess.StartAsync(portA, Settings(database, simulator, "instance-a"));
        await using var b = await AppProcess.StartAsync(portB, Settings(database, simulator, "instance-b"));
        var instances = new Dictionary<string, AppProcess> { [a.BaseAddress.Authority] = a, [b.BaseAddress.Authority] = b };
        await using var nginx = await NginxProcess.StartAsync([a.BaseAddress, b.BaseAddress]);

        // A signed-in browser page, pinned by its affinity cookie to one instance.
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = nginx.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var documentsFrom = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue("x-upstream", out var upstream)) documentsFrom.Enqueue(upstream);
        };
        try
        {
            await page.SignInAsync(SeededPeople.Admin, "/patients");
        }
        catch (TimeoutException)
        {
            var html = await page.ContentAsync();
            output.WriteLine($"Sign-in through nginx stopped at {page.Url}: {html[..Math.Min(2000, html.Length)]}");
            output.WriteLine(a.RecentOutput + Environment.NewLine + b.RecentOutput);
            throw;
        }
        var pinned = documentsFrom.Last();
        Assert.True(instances.ContainsKey(pinned), $"nginx answered from {pinned}");
        using var control = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl + "/") };

        // Live status across instances: the page is on the pinned instance, the patient links through the other one.
        var other = instances.Single(i => i.Key != pinned).Value;
        using var direct = new HttpClient { BaseAddress = other.BaseAddress };
        direct.DefaultRequestHeaders.Add("x-vital-api-key", ApiKey);
        var live = await SendAsync(direct, HttpMethod.Post, "/v2/user", new { client_user_id = "live-1" }, new(), CancellationToken.None);
        await page.GotoAsync($"/patients/{live.GetProperty("user_id").GetString()}");
        await page.GetByTestId("patient-title").WaitForAsync();
        await LinkAsync(direct, control, live.GetProperty("user_id").GetString()!, "live1@example.org", new(), CancellationToken.None);
        await Assertions.Expect(page.GetByTestId("status-chip")).ToHaveTextAsync("Connected", new() { Timeout = 20_000 });

        // 200 patients linked through the API via nginx: without the cookie, calls spread over both instances.
        var answeredBy = new ConcurrentDictionary<string, int>();
        using var api = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = nginx.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Add("x-vital-api-key", ApiKey);
        await Parallel.ForEachAsync(Enumerable.Range(0, Patients), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) =>
        {
            var user = await SendAsync(api, HttpMethod.Post, "/v2/user", new { client_user_id = $"{Prefix}{i:0000}" }, answeredBy, ct);
            await LinkAsync(api, control, user.GetProperty("user_id").GetString()!, $"scale{i:0000}@example.org", answeredBy, ct);
        });
        Assert.True(answeredBy.Count == 2, $"API calls should reach both instances: {string.Join(", ", answeredBy)}");

        // Both sync engines share the pulls; kill the browser's instance while pulls are under way.
        await using var sql = new NpgsqlConnection(database.ConnectionString);
        await sql.OpenAsync();
        var owners = new ConcurrentDictionary<string, int>();
        var heldAtKill = new List<Guid>();
        var victim = instances[pinned];
        var survivorOwner = victim == a ? "instance-b" : "instance-a";
        var killed = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (DateTime.UtcNow < deadline)
        {
            var leases = await LeasesAsync(sql);
            foreach (var owner in leases.Select(l => l.Owner)) owners.AddOrUpdate(owner, 1, (_, n) => n + 1);
            var done = await ScalarAsync(sql, $"""SELECT count(*) FROM "HistoricalPulls" p JOIN "Connections" c ON c."Id" = p."ConnectionId" JOIN "Users" u ON u."Id" = c."UserId" WHERE u."ClientUserId" LIKE '{Prefix}%' AND p."Status" = 'success'""");
            if (!killed && owners.Count == 2 && leases.Any(l => l.Owner != survivorOwner) && done < Patients)
            {
                heldAtKill.AddRange(leases.Where(l => l.Owner != survivorOwner).Select(l => l.ConnectionId));
                await victim.KillAsync();
                killed = true;
                output.WriteLine($"SIGKILLed {pinned} holding {heldAtKill.Count} leases, {done} of {Patients} pulls done");
            }
            if (killed && done == Patients) break;
            await Task.Delay(200);
        }
        Assert.True(killed, $"the pulls ended before both engines held leases: {string.Join(", ", owners.Keys)}");
        Assert.Equal(["instance-a", "instance-b"], owners.Keys.Order());

        // The browser's circuit lost its instance: it reconnects (a reload, to the other one) and is still signed in.
        await page.GetByTestId("user-name").WaitForAsync();
        var reloadDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (documentsFrom.Last() == pinned && DateTime.UtcNow < reloadDeadline) await Task.Delay(250);
        Assert.NotEqual(pinned, documentsFrom.Last());
        await page.GetByTestId("user-name").WaitForAsync();
        await page.GotoAsync("/patients?search=" + Prefix + "0001");
        await page.GetByText(Prefix + "0001").First.WaitForAsync();

        // In SQL: every pull finished exactly once, the survivor took over the killed instance's leases, and no
        // reading is duplicated or missing a day of its pull's range.
        var users = $"""SELECT u."Id" FROM "Users" u WHERE u."ClientUserId" LIKE '{Prefix}%'""";
        Assert.Equal(Patients, await ScalarAsync(sql, $"""
            SELECT count(*) FROM "HistoricalPulls" p JOIN "Connections" c ON c."Id" = p."ConnectionId"
            WHERE c."UserId" IN ({users}) AND p."Status" = 'success' AND p."Checkpoint" = p."RangeEnd" AND p."DaysDone" = p."DaysAsked"
              AND (SELECT count(*) FROM json_array_elements(p."TimelineJson"::json) t WHERE t->>'status' = 'success' OR t->>'Status' = 'success') = 1
            """));
        Assert.Equal(0, await ScalarAsync(sql, $"""
            SELECT count(*) FROM "SyncStates" s WHERE s."ConnectionId" IN ({string.Join(",", heldAtKill.Select(id => $"'{id}'").DefaultIfEmpty("NULL"))})
              AND s."LeaseOwner" IS NOT NULL AND s."LeaseOwner" <> '{survivorOwner}'
            """));
        Assert.Equal(0, await ScalarAsync(sql, $"""
            SELECT count(*) FROM (SELECT 1 FROM "Readings" WHERE "UserId" IN ({users}) GROUP BY "UserId", "Timestamp", "Kind" HAVING count(*) > 1) d
            """));
        Assert.Equal(0, await ScalarAsync(sql, $"""
            SELECT count(*) FROM "HistoricalPulls" p JOIN "Connections" c ON c."Id" = p."ConnectionId"
            WHERE c."UserId" IN ({users}) AND (SELECT count(DISTINCT r."Timestamp" / 864000000000) FROM "Readings" r WHERE r."UserId" = c."UserId") < p."DaysAsked"
            """));
        output.WriteLine($"API calls answered: {string.Join(", ", answeredBy)}; leases seen: {string.Join(", ", owners)}");
    }

    private static Dictionary<string, string?> Settings(StoreDatabase database, SimulatorServer simulator, string owner) => new(database.Settings)
    {
        ["LibreViewSimulator:Enabled"] = "false",
        ["LibreView:BaseUrlTemplate"] = simulator.RegionUrlTemplate,
        ["Seed:DemoPatients"] = "0",
        ["Sync:Enabled"] = "true",
        ["Sync:OwnerId"] = owner,
        ["Sync:HistoricalDays"] = "5",
        ["Sync:PollInterval"] = "00:00:01",
        ["Sync:LeaseDuration"] = "00:00:08",
        ["Sync:MaxPagesPerClaim"] = "2",
        ["Sync:MaxConcurrentConnections"] = "2",
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>A LibreView account for the patient (the simulator's control API), then the password link through <paramref name="api"/>.</summary>
    private static async Task LinkAsync(HttpClient api, HttpClient control, string userId, string email, ConcurrentDictionary<string, int> answeredBy, CancellationToken ct)
    {
        (await control.PostAsJsonAsync("_sim/accounts", new { email, password = Password, region = "us", mfa = "none", sensor = "libre3" }, ct)).EnsureSuccessStatusCode();
        var token = await SendAsync(api, HttpMethod.Post, "/v2/link/token", new { user_id = userId }, answeredBy, ct);
        var linked = await SendAsync(api, HttpMethod.Post, "/v2/link/provider/password/abbott_libreview", new { username = email, password = Password }, answeredBy, ct,
            token.GetProperty("link_token").GetString());
        Assert.Equal("success", linked.GetProperty("state").GetString());
    }

    private static async Task<JsonElement> SendAsync(HttpClient api, HttpMethod method, string path, object body,
        ConcurrentDictionary<string, int> answeredBy, CancellationToken ct, string? linkToken = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (linkToken is not null) request.Headers.Add("x-vital-link-token", linkToken);
        using var response = await api.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        if (response.Headers.TryGetValues("X-Upstream", out var upstream)) answeredBy.AddOrUpdate(upstream.First(), 1, (_, n) => n + 1);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<List<(Guid ConnectionId, string Owner)>> LeasesAsync(NpgsqlConnection sql)
    {
        await using var command = new NpgsqlCommand("""SELECT "ConnectionId", "LeaseOwner" FROM "SyncStates" WHERE "LeaseOwner" IS NOT NULL AND "LeaseExpiresAt" > now() AT TIME ZONE 'UTC'""", sql);
        await using var reader = await command.ExecuteReaderAsync();
        var leases = new List<(Guid, string)>();
        while (await reader.ReadAsync()) leases.Add((reader.GetGuid(0), reader.GetString(1)));
        return leases;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection sql, string query)
    {
        await using var command = new NpgsqlCommand(query, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
