using System.Diagnostics;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Connections;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using LibreView.Client;
using LibreView.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// Issue 19 item 1: N connected <c>abbott_libreview</c> connections all due at once, synced by the production
/// <see cref="SyncEngine"/> (its cycles, leases, checkpoints, the events it records for webhooks, the 14-day summaries)
/// against the simulator on loopback Kestrel; the same-run baseline is the LibreView client alone making the same
/// Daily Log calls for the same windows, parsing them and storing nothing, with the same concurrency.
/// Each connection has been synced once before (its session stored, the overlap days in the store), so the timed
/// passes are the steady state of the ongoing sync: re-read the overlap, store what is new, record its events.
/// </summary>
public sealed class SyncAtScale : IMeasurement
{
    private const string Password = "Libre-Passw0rd!";

    /// <summary>100,000 connections every 15 minutes.</summary>
    private const double TargetSyncsPerSecond = 100_000 / (15 * 60.0);

    public string Name => "sync";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var count = options.SyncConnections;
        // The simulator's throttles stand for LibreView's per-address and per-account limits, which are unknown
        // (reference §6); this measures what one instance can do, so they are lifted (see the note on requests/s).
        var simulatorClock = new AdvancingClock();
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            LongPollStartedCount = 0,
            RequestsPerMinutePerAddress = int.MaxValue,
            HistoryDays = 20,
        }, simulatorClock, ct: ct);
        var stats = new SyncStats();
        await using var store = await BenchStore.CreateAsync(new Dictionary<string, string?>
        {
            ["LibreView:BaseUrlTemplate"] = sim.RegionUrlTemplate,
            ["Sync:Enabled"] = "false", // cycles are run here exactly as the hosted loop runs them, without its poll wait
        }, services => stats.Instrument(services));
        var seeded = Stopwatch.StartNew();
        var emails = Enumerable.Range(0, count).Select(i => $"sync-{i:D5}@example.org").ToList();
        foreach (var email in emails)
        {
            sim.State.CreateAccount(new AccountSeed { Email = email, Password = Password, Sensor = "libre3" });
        }
        await SeedAsync(store.Services, emails, ct);
        var engine = store.Services.GetRequiredService<SyncEngine>();
        var syncOptions = store.Services.GetRequiredService<IOptions<SyncOptions>>().Value;

        // The first pass signs every connection in (stored sessions) and stores the overlap days: not timed.
        var first = await EnginePassAsync(store.Services, engine, stats, ct);
        var seedSeconds = seeded.Elapsed.TotalSeconds;
        var client = store.Services.GetRequiredService<ILibreViewClient>();
        var sessions = new LibreViewSession[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = syncOptions.MaxConcurrentConnections, CancellationToken = ct },
            async (i, token) => sessions[i] = (await client.LoginAsync(new LibreViewCredentials(emails[i], Password, "us"), LoginPurpose.Unattended, token)).GetValueOrThrow());
        var windows = await WindowsAsync(store.Services, syncOptions, ct);

        var engineRuns = new List<Pass>();
        var baselineRuns = new List<Pass>();
        // Before every timed pass the simulator's clock moves on by one sync interval, so each report has that
        // interval's new readings (and each engine sync the events and summary they bring), as in production.
        Task<Pass> Engine()
        {
            simulatorClock.Advance(syncOptions.OngoingInterval);
            return EnginePassAsync(store.Services, engine, stats, ct);
        }
        Task<Pass> Baseline()
        {
            simulatorClock.Advance(syncOptions.OngoingInterval);
            return BaselinePassAsync(client, sessions, windows, syncOptions.MaxConcurrentConnections, stats, ct);
        }
        Console.WriteLine($"[sync] {count:N0} connections seeded and synced once in {seeded.Elapsed.TotalSeconds:N0} s; timed passes start (pid {Environment.ProcessId})");
        for (var round = 0; round < options.SyncRepetitions; round++)
        {
            // The sides alternate which goes first, so drift on a shared machine hits both.
            if (round % 2 == 0)
            {
                engineRuns.Add(await Engine());
                baselineRuns.Add(await Baseline());
            }
            else
            {
                baselineRuns.Add(await Baseline());
                engineRuns.Add(await Engine());
            }
        }

        var e = Median(engineRuns);
        var b = Median(baselineRuns);
        var instancesByRate = Math.Ceiling(TargetSyncsPerSecond / e.SyncsPerSecond);
        var instancesByCpu = Math.Ceiling(TargetSyncsPerSecond * (e.CpuMsPerSync - b.CpuMsPerSync) / 1000 / Environment.ProcessorCount);
        var load = MachineInfo.LoadAverage();
        return
        [
            new Result($"Ongoing sync at scale: {count:N0} connections due at once, connection syncs/s", e.SyncsPerSecond, "syncs/s", b.SyncsPerSecond,
                "client alone: same Daily Log calls and parse, no store", "≥ 0.8 × client", e.SyncsPerSecond >= 0.8 * b.SyncsPerSecond,
                $"median of {options.SyncRepetitions} passes each side, alternating; {syncOptions.MaxConcurrentConnections} connections at once " +
                $"(Sync:MaxConcurrentConnections), {syncOptions.MaxConnectionsPerCycle} per cycle; every pass: {Describe(engineRuns)}; " +
                $"{e.Readings / Math.Max(1, e.Syncs):N0} readings per report ({windows[0].To - windows[0].From:%d} days of overlap to today), " +
                $"{e.Events / Math.Max(1, e.Syncs):N1} events recorded per sync (each day with new readings, per resource); " +
                $"{e.Requests / Math.Max(1, e.Syncs):N1} LibreView requests per sync (client alone {b.Requests / Math.Max(1, b.Syncs):N1}); " +
                $"seeding and the untimed first pass ({first.Syncs:N0} syncs with sign-in) took {seedSeconds:N0} s; load average at the end {load}"),
            new Result("Ongoing sync: CPU per connection sync (whole process, simulator included)", e.CpuMsPerSync, "ms", b.CpuMsPerSync,
                "client alone, same process", "—", null,
                $"the engine's own CPU above the client alone: {e.CpuMsPerSync - b.CpuMsPerSync:N2} ms per sync; the simulator generates and serves the reports in this process, " +
                "so both sides carry its cost"),
            new Result("Ongoing sync: share of worker time fetching / parsing / storing / the rest", e.FetchShare, "fetch share", null, null, "—", null,
                $"fetching (HTTP to the simulator, bodies read) {e.FetchShare:P0}, parsing (client time less HTTP) {e.ParseShare:P0}, " +
                $"storing (ReadingWriter) {e.StoreShare:P0}, the rest (claim, load, commit, events, 14-day summary, cycles) {1 - e.FetchShare - e.ParseShare - e.StoreShare:P0}; " +
                $"worker time = wall × {syncOptions.MaxConcurrentConnections} workers; client alone: fetching {b.FetchShare:P0}, parsing {b.ParseShare:P0}"),
            new Result("Ongoing sync: instances for 100,000 connections every 15 min (111 syncs/s)", instancesByRate, "instances", null, null, "—", null,
                $"by the measured rate on this 2-core machine with the simulator in process: {TargetSyncsPerSecond:N0} ÷ {e.SyncsPerSecond:N1}; " +
                $"by the engine's own CPU alone (simulator and fetch excluded): {instancesByCpu:N0} of {Environment.ProcessorCount} cores; " +
                $"LibreView would see {TargetSyncsPerSecond * e.Requests / Math.Max(1, e.Syncs):N0} requests/s in all, far past what one source address is tolerated (reference §6)"),
        ];
    }

    private static string Describe(List<Pass> runs) =>
        string.Join(", ", runs.Select(r => $"{r.Syncs:N0} syncs in {r.Wall.TotalSeconds:N1} s ({r.Failed} failed)"));

    private static Pass Median(List<Pass> runs) => runs.OrderBy(r => r.SyncsPerSecond).ElementAt(runs.Count / 2);

    /// <summary>One organisation and team, one user and connected connection per simulator account, its pull done.</summary>
    private static async Task SeedAsync(IServiceProvider services, List<string> emails, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var vault = scope.ServiceProvider.GetRequiredService<CredentialVault>();
        var now = DateTime.UtcNow;
        var team = new Team { Name = "Sync at scale", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
        db.Organizations.Add(new Organization { Name = "Sync benchmark", Plan = Plan.Scale, CreatedAt = now, Teams = [team] });
        foreach (var email in emails)
        {
            var user = new User { TeamId = team.Id, ClientUserId = email, CreatedAt = now };
            var connection = new Connection
            {
                UserId = user.Id, Provider = Providers.AbbottLibreView, Region = "us", Status = ConnectionStatus.Connected, CreatedAt = now,
                ProtectedCredentials = vault.Protect(new StoredCredentials(email, Password, null)),
            };
            var pull = new Dashboard.Core.Sync.HistoricalPull
            {
                ConnectionId = connection.Id, RangeStart = now.AddDays(-14), RangeEnd = now, Checkpoint = now, DaysAsked = 14, DaysDone = 14, ScheduledAt = now,
            };
            pull.MoveTo(PullStatus.Success, now);
            db.Users.Add(user);
            db.Connections.Add(connection);
            db.HistoricalPulls.Add(pull);
            db.SyncStates.Add(new ConnectionSyncState { ConnectionId = connection.Id, NextDueAt = now });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The window each connection's next ongoing sync asks for, as <c>ConnectionSync</c> computes it.</summary>
    private static async Task<List<(DateTime From, DateTime To)>> WindowsAsync(IServiceProvider services, SyncOptions options, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var states = await db.SyncStates.AsNoTracking().Include(s => s.Connection).OrderBy(s => s.Connection!.User!.ClientUserId).ToListAsync(ct);
        var now = DateTime.UtcNow;
        return states.Select(s => (
            DateTime.SpecifyKind((s.LastReadingAt ?? now).Date.AddDays(-options.OngoingOverlapDays), DateTimeKind.Unspecified),
            DateTime.SpecifyKind(now.AddHours(14), DateTimeKind.Unspecified))).ToList();
    }

    private static async Task<Pass> EnginePassAsync(IServiceProvider services, SyncEngine engine, SyncStats stats, CancellationToken ct)
    {
        DateTime started;
        int events0;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            started = DateTime.UtcNow;
            await db.SyncStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, started), ct);
            events0 = await db.Events.CountAsync(ct);
        }
        stats.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var syncs = 0;
        int worked;
        while ((worked = await engine.RunOnceAsync(ct)) > 0)
        {
            syncs += worked;
        }
        var wall = clock.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            var failed = await db.SyncStates.CountAsync(s => s.LastSuccessAt == null || s.LastSuccessAt < started, ct);
            var events = await db.Events.CountAsync(ct) - events0;
            return stats.Snapshot(syncs, failed, wall, cpuUsed, events, engine: true);
        }
    }

    private static async Task<Pass> BaselinePassAsync(ILibreViewClient client, LibreViewSession[] sessions,
        List<(DateTime From, DateTime To)> windows, int concurrency, SyncStats stats, CancellationToken ct)
    {
        stats.Reset();
        var failed = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var log = await client.GetDailyLogAsync(sessions[i], null, windows[i].From, windows[i].To, ct: token);
                if (log.Session is { } refreshed) sessions[i] = refreshed;
                if (!log.IsSuccess) Interlocked.Increment(ref failed);
            });
        return stats.Snapshot(sessions.Length, failed, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, 0, engine: false, concurrency);
    }

    /// <summary>The real clock, moved on by hand: the simulator's uploads advance while timers stay real.</summary>
    private sealed class AdvancingClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
    }

    private sealed record Pass(int Syncs, int Failed, TimeSpan Wall, TimeSpan Cpu, long Requests, long Readings, long Written, int Events,
        double FetchShare, double ParseShare, double StoreShare)
    {
        public double SyncsPerSecond => Syncs / Wall.TotalSeconds;
        public double CpuMsPerSync => Cpu.TotalMilliseconds / Math.Max(1, Syncs);
    }

    /// <summary>Time spent in HTTP, in the client's Daily Log calls and in the reading writer, summed over the workers.</summary>
    private sealed class SyncStats
    {
        private long _httpTicks, _clientTicks, _storeTicks, _requests, _readings, _written;
        private int _concurrency = 1;

        public void Reset()
        {
            _httpTicks = _clientTicks = _storeTicks = _requests = _readings = _written = 0;
        }

        public Pass Snapshot(int syncs, int failed, TimeSpan wall, TimeSpan cpu, int events, bool engine, int? concurrency = null)
        {
            var workers = wall.Ticks * (double)(concurrency ?? _concurrency);
            var http = Stopwatch.GetElapsedTime(0, _httpTicks).Ticks / workers;
            var client = Stopwatch.GetElapsedTime(0, _clientTicks).Ticks / workers;
            var store = engine ? Stopwatch.GetElapsedTime(0, _storeTicks).Ticks / workers : 0;
            return new Pass(syncs, failed, wall, cpu, _requests, _readings, _written, events, http, Math.Max(0, client - http), store);
        }

        /// <summary>Wraps the client's HTTP pipeline, the client and the reading writer of the store's services.</summary>
        public void Instrument(IServiceCollection services)
        {
            services.PostConfigure<SyncOptions>(o => _concurrency = o.MaxConcurrentConnections);
            services.AddHttpClient<ILibreViewClient, LibreViewClient>().AddHttpMessageHandler(() => new TimedHandler(this));
            Decorate<ILibreViewClient>(services, inner => new TimedClient(inner, this));
            Decorate<ReadingWriter>(services, inner => new TimedWriter(inner, this));
        }

        private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
        {
            var original = services.Last(d => d.ServiceType == typeof(T));
            services.Remove(original);
            Func<IServiceProvider, object> create = original.ImplementationFactory
                ?? (original.ImplementationType is { } type ? sp => ActivatorUtilities.CreateInstance(sp, type) : _ => original.ImplementationInstance!);
            services.Add(new ServiceDescriptor(typeof(T), sp => wrap((T)create(sp)), original.Lifetime));
        }

        private sealed class TimedHandler(SyncStats stats) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await base.SendAsync(request, ct);
                await response.Content.LoadIntoBufferAsync(ct); // the body's download counts as fetching
                Interlocked.Add(ref stats._httpTicks, Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref stats._requests);
                return response;
            }
        }

        private sealed class TimedWriter(ReadingWriter inner, SyncStats stats) : ReadingWriter
        {
            public override async Task<WriteSummary> WriteAsync(Guid userId, Guid? connectionId, string source,
                IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default,
                WriteAlongside? alongside = null)
            {
                var started = Stopwatch.GetTimestamp();
                var summary = await inner.WriteAsync(userId, connectionId, source, readings, notes, ct, alongside);
                Interlocked.Add(ref stats._storeTicks, Stopwatch.GetTimestamp() - started);
                Interlocked.Add(ref stats._written, summary.ReadingsWritten);
                return summary;
            }

            /// <summary>A streamed write (the sync's) counts its commit as storing: the wait after the parse for the rows to be written.</summary>
            public override StreamedWrite Begin(Guid userId, Guid? connectionId, string source, CancellationToken ct = default) =>
                new TimedWrite(inner.Begin(userId, connectionId, source, ct), stats);

            private sealed class TimedWrite(StreamedWrite rows, SyncStats stats) : StreamedWrite
            {
                protected override void Store(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes) => rows.Add(readings, notes);

                public override async Task<WriteSummary> CommitAsync(WriteAlongside? alongside = null, CancellationToken ct = default)
                {
                    var started = Stopwatch.GetTimestamp();
                    var summary = await rows.CommitAsync(alongside, ct);
                    Interlocked.Add(ref stats._storeTicks, Stopwatch.GetTimestamp() - started);
                    Interlocked.Add(ref stats._written, summary.ReadingsWritten);
                    return summary;
                }

                public override ValueTask DisposeAsync() => rows.DisposeAsync();
            }
        }

        private sealed class TimedClient(ILibreViewClient inner, SyncStats stats) : ILibreViewClient
        {
            public async Task<LibreViewResult<DailyLog>> GetDailyLogAsync(LibreViewSession session, string? patientId, DateTime from, DateTime to,
                LibreViewCredentials? renewWith = null, Action<DailyLogDay>? onDay = null, CancellationToken ct = default)
            {
                var started = Stopwatch.GetTimestamp();
                var log = await inner.GetDailyLogAsync(session, patientId, from, to, renewWith, onDay, ct);
                Interlocked.Add(ref stats._clientTicks, Stopwatch.GetTimestamp() - started);
                if (log.IsSuccess) Interlocked.Add(ref stats._readings, log.Value.Glucose.Count);
                return log;
            }

            public Task<LibreViewResult<LibreViewSession>> LoginAsync(LibreViewCredentials credentials, LoginPurpose purpose, CancellationToken ct = default) =>
                inner.LoginAsync(credentials, purpose, ct);

            public Task<LibreViewResult<MfaChallenge>> SendCodeAsync(MfaChallenge challenge, bool usePrimaryMethod, CancellationToken ct = default) =>
                inner.SendCodeAsync(challenge, usePrimaryMethod, ct);

            public Task<LibreViewResult<LibreViewSession>> CompleteMfaAsync(MfaChallenge challenge, string code, CancellationToken ct = default) =>
                inner.CompleteMfaAsync(challenge, code, ct);

            public Task<LibreViewResult<LibreViewAccount>> GetAccountAsync(LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
                inner.GetAccountAsync(session, renewWith, ct);

            public Task<LibreViewResult<PracticePatient>> FindPatientAsync(LibreViewSession session, string email, string? practiceId,
                LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
                inner.FindPatientAsync(session, email, practiceId, renewWith, ct);
        }
    }
}
