using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Benchmarks.Runner;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// The Junction-shaped API under bursts: C concurrent clients on loopback (100 and 500), each sending its requests
/// one after another, for each call type — read a user, create a user, mint a link token, read 14 days of glucose.
/// Same-run baseline: the same clients calling <c>GET /v2/providers</c>, a minimal endpoint of the same app that
/// passes the same pipeline (API key, rate limiter, error envelope) but reads nothing else from the store.
/// The console runs with rate limits off (this measures capacity, not the limiter), no demo patients and no sync.
/// </summary>
public sealed class ApiLoad : IMeasurement
{
    private const double GoalMs = 250;
    private const int GoalConcurrency = 100;
    private const string Key = "dev_sandbox_us_key";
    private const int Users = 200;
    private const int UsersWithData = 20;

    public string Name => "api";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var app = await ConsoleProcess.StartAsync(ct,
            "--Seed:DemoPatients", "0", "--Sync:Enabled", "false", "--RateLimits:Enabled", "false");
        var perClient = options.Quick ? 3 : 10;
        var rows = new List<Result>();
        foreach (var concurrency in (int[])[GoalConcurrency, 500])
        {
            using var http = Client(app.BaseAddress, concurrency);
            var users = await CreateUsersAsync(http, Users, ct);
            foreach (var user in users.Take(UsersWithData))
            {
                (await http.PostAsJsonAsync("/v2/link/connect/demo", new { user_id = user, provider = "freestyle_libre" }, ct)).EnsureSuccessStatusCode();
            }
            var end = DateTime.UtcNow.Date.AddDays(1);
            var serial = 0;
            (string Name, Func<int, HttpRequestMessage> Request)[] calls =
            [
                ("GET /v2/user/{id}", i => new HttpRequestMessage(HttpMethod.Get, $"/v2/user/{users[i % users.Count]}")),
                ("POST /v2/user", _ => new HttpRequestMessage(HttpMethod.Post, "/v2/user")
                {
                    Content = JsonContent.Create(new { client_user_id = $"load-{concurrency}-{Interlocked.Increment(ref serial)}-{Guid.NewGuid():N}" }),
                }),
                ("POST /v2/link/token", i => new HttpRequestMessage(HttpMethod.Post, "/v2/link/token") { Content = JsonContent.Create(new { user_id = users[i % users.Count] }) }),
                ("GET 14-day glucose timeseries", i => new HttpRequestMessage(HttpMethod.Get,
                    $"/v2/timeseries/{users[i % UsersWithData]}/glucose?start_date={end.AddDays(-14):yyyy-MM-dd}&end_date={end:yyyy-MM-dd}")),
            ];
            var baseline = await BurstAsync(app, http, concurrency, perClient, _ => new HttpRequestMessage(HttpMethod.Get, "/v2/providers"), ct);
            foreach (var (name, request) in calls)
            {
                var burst = await BurstAsync(app, http, concurrency, perClient, request, ct);
                bool? met = concurrency == GoalConcurrency ? burst.P95 <= GoalMs && burst.Failures == 0 : null;
                rows.Add(new Result($"API p95: {name}, {concurrency} concurrent clients", burst.P95, "ms", baseline.P95,
                    $"GET /v2/providers, same clients", $"p95 ≤ {GoalMs:0} ms at {GoalConcurrency}", met,
                    $"{burst.Count} requests ({perClient} per client, back to back): p50 {burst.P50:0.0} ms, p99 {burst.P99:0.0} ms, " +
                    $"{burst.PerSecond:0} requests/s, {burst.Failures} not 2xx{burst.FailureSample}; baseline p50 {baseline.P50:0.0} ms, " +
                    $"{baseline.PerSecond:0} requests/s; console CPU {burst.ServerCpuMs / Math.Max(1, burst.Count):0.00} ms per request"));
            }
        }
        return rows;
    }

    private static HttpClient Client(Uri baseAddress, int concurrency)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Add("x-vital-api-key", Key);
        return http;
    }

    private static async Task<List<Guid>> CreateUsersAsync(HttpClient http, int count, CancellationToken ct)
    {
        var users = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            using var response = await http.PostAsJsonAsync("/v2/user", new { client_user_id = $"load-fixture-{Guid.NewGuid():N}" }, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            users.Add(body.RootElement.GetProperty("user_id").GetGuid());
        }
        return users;
    }

    private sealed record Burst(int Count, double P50, double P95, double P99, double PerSecond, int Failures, string FailureSample, double ServerCpuMs);

    /// <summary><paramref name="clients"/> clients at once, each sending <paramref name="perClient"/> requests back to back.</summary>
    private static async Task<Burst> BurstAsync(ConsoleProcess app, HttpClient http, int clients, int perClient, Func<int, HttpRequestMessage> request, CancellationToken ct)
    {
        var times = new double[clients * perClient];
        var failures = 0;
        string? sample = null;
        var cpuBefore = app.CpuTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (var n = 0; n < perClient; n++)
            {
                var index = client * perClient + n;
                using var message = request(index);
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message, ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                        sample ??= $"{(int)response.StatusCode}";
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failures);
                    sample ??= e.Message;
                }
                times[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        }));
        var wall = Stopwatch.GetElapsedTime(started);
        return new Burst(times.Length, Timing.Percentile(times, 50), Timing.Percentile(times, 95), Timing.Percentile(times, 99),
            times.Length / wall.TotalSeconds, failures, sample is null ? "" : $" (first: {sample})", (app.CpuTime - cpuBefore).TotalMilliseconds);
    }
}
