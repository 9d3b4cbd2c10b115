using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Benchmarks.Circuits;
using Dashboard.Benchmarks.Runner;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// Live console at scale: N Blazor Server circuits on <c>/patients</c>, each a <see cref="BlazorCircuit"/> (the
/// circuit protocol over SignalR, no browser), signed in as support through the real OpenID Connect round trip.
/// Realistic pattern: every circuit acts every 5–15 s — turns a page (60 %), toggles a status filter (25 %) or opens a
/// patient and comes back (15 %). Burst pattern: every circuit turns a page at the same moment. Latency is from the
/// dispatched event (click or navigation) to the render batch after which the page shows the answer (a new pager
/// caption, the patient's title). Same-run baseline: one circuit on the otherwise idle app. Memory per circuit is the
/// console's GC heap after a full collection (dotnet-gcdump, which induces one) with N circuits minus with one, over N − 1;
/// <c>CIRCUIT_HEAP_REPORT=FILE</c> also writes the heap by type with N circuits open.
/// </summary>
public sealed class CircuitLoad : IMeasurement
{
    private const double GoalMs = 250;
    private const double GoalMbPerCircuit = 1;
    private const int TargetCircuits = 500;
    private const int Patients = 1_000;
    private const int OpenConcurrency = 10;
    private const string Support = "support@example.org";
    private const string SupportPassword = "Support-Passw0rd!";
    private const string FilteredList = "/patients?status=credential_error";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string Name => "circuit-load";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var circuits = options.Quick ? 50 : TargetCircuits;
        var duration = TimeSpan.FromSeconds(options.Quick ? 30 : 90);
        // Only the console's own work: no demo patients being linked and no sync engine pulling in the background.
        await using var app = await ConsoleProcess.StartAsync(ct, "--Seed:DemoPatients", "0", "--Sync:Enabled", "false");
        LiveConsoleCircuits.SeedPatients(app, Patients);
        var cookies = await ConsoleSignIn.SignInAsync(app.BaseAddress, Support, SupportPassword, ct);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        var page = new Uri(app.BaseAddress, "/patients");
        var open = new List<ConsoleUser>();
        try
        {
            // Baseline: one circuit on the idle app.
            var first = new ConsoleUser(await BlazorCircuit.StartAsync(http, cookies, page, ct));
            open.Add(first);
            await first.ReadyAsync();
            for (var i = 0; i < 3; i++)
            {
                await first.TurnPageAsync(); // warm-up: JIT, query plans
            }
            var idle = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                idle.Add(await first.TurnPageAsync());
            }
            var heapOne = await GcHeap.BytesAsync(app.ProcessId, ct);

            // N circuits, opened a few at a time like users arriving.
            var opening = Stopwatch.GetTimestamp();
            while (open.Count < circuits)
            {
                var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(OpenConcurrency, circuits - open.Count)).Select(async _ =>
                {
                    var user = new ConsoleUser(await BlazorCircuit.StartAsync(http, cookies, page, ct));
                    await user.ReadyAsync();
                    return user;
                }));
                open.AddRange(batch);
            }
            var openedIn = Stopwatch.GetElapsedTime(opening);
            var heapAll = await GcHeap.BytesAsync(app.ProcessId, ct);
            if (Environment.GetEnvironmentVariable("CIRCUIT_HEAP_REPORT") is { Length: > 0 } reportFile)
            {
                // What the N circuits hold, by type (docs/performance.md reads it), before they start acting.
                await File.WriteAllTextAsync(reportFile, await GcHeap.ReportAsync(app.ProcessId, ct), ct);
            }

            // Realistic pattern.
            var samples = new ConcurrentBag<(string Action, double Ms)>();
            var failures = new ConcurrentBag<string>();
            var cpuBefore = app.CpuTime;
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(open.Select((user, index) => user.ActRealisticallyAsync(new Random(index), until, samples, failures, ct)));
            var realisticCpu = app.CpuTime - cpuBefore;

            // Burst pattern: every circuit turns a page at once, three times.
            var burst = new ConcurrentBag<double>();
            var burstFailures = 0;
            for (var round = 0; round < 3; round++)
            {
                await Task.WhenAll(open.Select(async user =>
                {
                    try
                    {
                        burst.Add(await user.TurnPageAsync());
                    }
                    catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                    {
                        Interlocked.Increment(ref burstFailures);
                    }
                }));
            }

            var n = open.Count;
            var all = samples.Select(s => s.Ms).ToList();
            var idleP95 = Timing.Percentile(idle, 95);
            var p95 = Timing.Percentile(all, 95);
            var burstP95 = Timing.Percentile(burst.ToList(), 95);
            var mbPerCircuit = (heapAll - heapOne) / 1048576.0 / (n - 1);
            bool? Verdict(double value) => value > GoalMs ? false : n >= TargetCircuits ? true : null;
            var byAction = string.Join(", ", samples.GroupBy(s => s.Action).OrderBy(g => g.Key)
                .Select(g => $"{g.Key} p95 {Timing.Percentile(g.Select(s => s.Ms).ToList(), 95):0} ms ×{g.Count()}"));
            var how = $"{n} SignalR circuit clients (blazorpack, no browser) signed in as support; list of {Patients:N0} seeded patients";
            return
            [
                new Result($"Live console (circuit clients): p95 update, realistic, {n} circuits", p95, "ms", idleP95, "1 circuit, idle app",
                    $"p95 ≤ {GoalMs:0} ms at {TargetCircuits}", Verdict(p95),
                    $"{how}; each acts every 5–15 s for {duration.TotalSeconds:0} s: {all.Count} updates, p50 {Timing.Percentile(all, 50):0} ms, " +
                    $"p99 {Timing.Percentile(all, 99):0} ms; {byAction}; {failures.Count} failed{FailureSample(failures)}; " +
                    $"console CPU {realisticCpu.TotalMilliseconds / Math.Max(1, all.Count):0.0} ms per update; the load clients share the 2 cores"),
                new Result($"Live console (circuit clients): p95 update, burst, {n} circuits", burstP95, "ms", idleP95, "1 circuit, idle app",
                    $"p95 ≤ {GoalMs:0} ms at {TargetCircuits}", Verdict(burstP95),
                    $"all {n} circuits turn a page at the same moment, 3 rounds: p50 {Timing.Percentile(burst.ToList(), 50):0} ms, " +
                    $"p99 {Timing.Percentile(burst.ToList(), 99):0} ms, {burstFailures} failed"),
                new Result($"Live console (circuit clients): memory per circuit, {n} circuits", mbPerCircuit, "MB", null, null,
                    $"≤ {GoalMbPerCircuit:0} MB per circuit", mbPerCircuit <= GoalMbPerCircuit,
                    $"console GC heap after a full collection (dotnet-gcdump) {heapOne / 1048576.0:0.0} MB with 1 circuit → " +
                    $"{heapAll / 1048576.0:0.0} MB with {n}; (Δ heap)/(N − 1); {n - 1} circuits opened in {openedIn.TotalSeconds:0.0} s"),
            ];
        }
        finally
        {
            await Task.WhenAll(open.Select(u => u.Circuit.DisposeAsync().AsTask()));
        }
    }

    private static string FailureSample(ConcurrentBag<string> failures) =>
        failures.IsEmpty ? "" : $" (for example: {failures.First()})";

    /// <summary>One person at the patient list, acting through their circuit.</summary>
    private sealed class ConsoleUser(BlazorCircuit circuit)
    {
        private bool _filtered;

        public BlazorCircuit Circuit { get; } = circuit;

        public Task ReadyAsync() => Circuit.WaitForAsync(d => Pager(d) is not null, Timeout);

        /// <summary>Next page, or previous on the last one; answered when the pager caption changes.</summary>
        public async Task<double> TurnPageAsync()
        {
            var button = Pager(Circuit.Document) ?? throw new InvalidOperationException("The grid shows no pager button.");
            var before = Caption(Circuit.Document);
            return (await Circuit.ClickAsync(button, d => Caption(d) != before, Timeout)).TotalMilliseconds;
        }

        /// <summary>Toggles the status filter through the URL, as the filter bar does; answered when the caption changes.</summary>
        public async Task<double> ToggleFilterAsync()
        {
            var before = Caption(Circuit.Document);
            _filtered = !_filtered;
            return (await Circuit.NavigateAsync(_filtered ? FilteredList : "/patients", d => Caption(d) != before && Pager(d) is not null, Timeout)).TotalMilliseconds;
        }

        /// <summary>Opens the first patient of the page (answered by the patient's title), then comes back to the list.</summary>
        public async Task<(double Open, double Back)> OpenPatientAsync()
        {
            var link = Circuit.Document.Elements().FirstOrDefault(e => e.Name == "a" && e.Attribute("href") is { } href
                    && href.StartsWith("/patients/", StringComparison.Ordinal) && Guid.TryParse(href["/patients/".Length..], out _))
                ?? throw new InvalidOperationException("The page lists no patient.");
            var name = link.TextContent.Trim();
            var open = await Circuit.NavigateAsync(link.Attribute("href")!,
                d => d.Elements().Any(e => e.Attribute("data-testid") == "patient-title" && e.TextContent.Contains(name, StringComparison.Ordinal)), Timeout);
            var back = await Circuit.NavigateAsync(_filtered ? FilteredList : "/patients", d => Pager(d) is not null && Caption(d).Length > 0, Timeout);
            return (open.TotalMilliseconds, back.TotalMilliseconds);
        }

        public async Task ActRealisticallyAsync(Random random, long until, ConcurrentBag<(string, double)> samples, ConcurrentBag<string> failures, CancellationToken ct)
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(5_000, 15_000)), ct);
                if (Stopwatch.GetTimestamp() > until)
                {
                    return;
                }
                try
                {
                    var roll = random.NextDouble();
                    if (roll < 0.60)
                    {
                        samples.Add(("page turn", await TurnPageAsync()));
                    }
                    else if (roll < 0.85)
                    {
                        samples.Add(("filter", await ToggleFilterAsync()));
                    }
                    else
                    {
                        var (open, back) = await OpenPatientAsync();
                        samples.Add(("open patient", open));
                        samples.Add(("back to list", back));
                    }
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    failures.Add(e.Message);
                    await ReadyAsync().ContinueWith(_ => { }, TaskScheduler.Default); // let the page settle before the next action
                }
            }
        }

        private static RenderedElement? Pager(RenderedDocument document)
        {
            RenderedElement? previous = null;
            foreach (var e in document.Elements())
            {
                if (e.Name != "button" || e.HasAttribute("disabled") || e.Handler("click") is null)
                {
                    continue;
                }
                var label = e.Attribute("aria-label") ?? "";
                if (label.Contains("next", StringComparison.OrdinalIgnoreCase))
                {
                    return e;
                }
                if (label.Contains("previous", StringComparison.OrdinalIgnoreCase))
                {
                    previous = e;
                }
            }
            return previous;
        }

        private static string Caption(RenderedDocument document) => string.Join("|", document.Elements()
            .Where(e => (e.Attribute("class") ?? "").Contains("mud-table-pagination-caption", StringComparison.Ordinal))
            .Select(e => e.TextContent));
    }
}
