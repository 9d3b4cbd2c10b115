using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Linking;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Dashboard.TestSupport;
using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Sync;

/// <summary>
/// A LibreView simulator on real loopback Kestrel, a real SQLite file, and the product's services around it, all on
/// one fake clock. Sync cycles are run by hand; <see cref="NewEngine"/> adds another engine on the same database.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public const string Password = "Libre-Passw0rd!";
    public const string PracticeEmail = "practice.sandbox.us@tryvital.example";
    public const string PracticePassword = "Practice-Passw0rd!";

    /// <summary>Half a second past a minute, so no reading of the simulator falls exactly on "now".</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(500);

    private readonly string _folder;
    private readonly List<ServiceProvider> _providers = [];
    private readonly Dictionary<string, string?> _settings;

    private readonly StoreDatabase _database;

    private SyncHarness(SimulatorServer sim, FakeTimeProvider time, Dictionary<string, string?> settings, string folder, StoreDatabase database)
    {
        _folder = folder;
        Sim = sim;
        Time = time;
        _settings = settings;
        _database = database;
        foreach (var (key, value) in database.Settings) _settings[key] = value;
        Services = Build();
    }

    public SimulatorServer Sim { get; }
    public SimulatorState State => Sim.State;
    public FakeTimeProvider Time { get; }
    public HistoryLog History { get; } = new();
    public ServiceProvider Services { get; }
    public SyncEngine Engine => Services.GetRequiredService<SyncEngine>();
    public Guid TeamId { get; private set; }

    public static async Task<SyncHarness> StartAsync(int historicalDays = 10, Dictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(Start);
        var sim = await SimulatorServer.StartAsync(new SimulatorOptions(), time);
        var all = new Dictionary<string, string?>
        {
            ["Sync:Enabled"] = "false",
            ["Sync:HistoricalDays"] = historicalDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sync:RetryBaseDelay"] = "00:00:10",
            ["Sync:RetryMaxDelay"] = "00:10:00",
            ["Sync:MaxPagesPerClaim"] = "100",
            ["LibreView:BaseUrlTemplate"] = sim.RegionUrlTemplate,
            ["LibreView:MaxRetries"] = "0", // every failure reaches the engine, which is what these tests look at
            ["LibreView:PracticeAccounts:0:Environment"] = "Sandbox",
            ["LibreView:PracticeAccounts:0:Region"] = "us",
            ["LibreView:PracticeAccounts:0:Email"] = PracticeEmail,
            ["LibreView:PracticeAccounts:0:Password"] = PracticePassword,
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var folder = Directory.CreateTempSubdirectory("lcd-sync-tests-").FullName;
        var harness = new SyncHarness(sim, time, all, folder, await StoreDatabase.CreateAsync(folder));
        await harness.Services.InitializeStoreAsync();
        await harness.SeedAsync();
        return harness;
    }

    /// <summary>Another engine (its own services and lease owner id) on the same database, clock and simulator.</summary>
    public SyncEngine NewEngine() => Build().GetRequiredService<SyncEngine>();

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging();
        services.AddDashboardCore(configuration, _folder);
        services.AddHttpClient<ILibreViewClient, LibreViewClient>().AddHttpMessageHandler(History.Handler);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>A team in the US sandbox, our practice in the simulator, and one connected founding patient so password linking is open.</summary>
    private async Task SeedAsync()
    {
        State.CreateAccount(new AccountSeed { Email = PracticeEmail, Password = PracticePassword, Region = "us", Kind = AccountKinds.CareTeam });
        State.CreatePractice(new PracticeSeed { PracticeId = "tryVital-sandbox", Name = "Vital Sandbox", Region = "us", Members = [PracticeEmail] });
        await WithDbAsync(async db =>
        {
            var now = Time.GetUtcNow().UtcDateTime;
            var team = new Team { Name = "Sandbox US", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
            db.Organizations.Add(new Organization { Name = "Sync Tests", Plan = Plan.Scale, CreatedAt = now, Teams = [team] });
            var founder = new User { TeamId = team.Id, ClientUserId = "founder", CreatedAt = now };
            db.Users.Add(founder);
            var founding = new Connection { UserId = founder.Id, Provider = Providers.AbbottLibreView, Status = ConnectionStatus.Connected, CreatedAt = now };
            db.Connections.Add(founding);
            db.SyncStates.Add(new ConnectionSyncState { ConnectionId = founding.Id, NextDueAt = DateTime.MaxValue }); // never due: it only opens the gate
            await db.SaveChangesAsync();
            TeamId = team.Id;
            return 0;
        });
    }

    public SimAccount AddPatient(string email, string sensor = "libre3", string region = "us") =>
        State.CreateAccount(new AccountSeed { Email = email, Password = Password, Region = region, Sensor = sensor });

    /// <summary>A new simulator patient linked to a new user with their password; the historical pull is scheduled, not run.</summary>
    public async Task<(SimAccount Patient, Guid UserId)> LinkedPatientAsync(string email, string sensor = "libre3")
    {
        var patient = AddPatient(email, sensor);
        var userId = await NewUserAsync(email);
        var link = await LinkPasswordAsync(userId, email);
        Assert.True(link.Connected, link.Error);
        return (patient, userId);
    }

    public async Task<Guid> NewUserAsync(string clientUserId)
    {
        await using var scope = Services.CreateAsyncScope();
        var (_, user) = await scope.ServiceProvider.GetRequiredService<PatientDirectory>().CreateAsync(TeamId, clientUserId);
        return user!.UserId;
    }

    public async Task<LinkResult> LinkPasswordAsync(Guid userId, string email, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<LinkTokenService>().IssueAsync(TeamId, userId, Providers.AbbottLibreView, null);
        return await scope.ServiceProvider.GetRequiredService<PasswordLinking>().LinkAsync(token!.Token, email, password, null, CancellationToken.None);
    }

    public async Task<LinkResult> LinkEmailAsync(Guid userId, string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<LinkTokenService>().IssueAsync(TeamId, userId, Providers.FreeStyleLibre, null);
        return await scope.ServiceProvider.GetRequiredService<EmailLinking>().LinkAsync(token!.Token, email, "us", CancellationToken.None);
    }

    /// <summary>Runs cycles of <paramref name="engine"/> until one finds nothing to do; returns how many connection steps ran.</summary>
    public async Task<int> RunUntilIdleAsync(SyncEngine? engine = null, int maxCycles = 1000)
    {
        engine ??= Engine;
        var steps = 0;
        for (var cycle = 0; cycle < maxCycles; cycle++)
        {
            var worked = await engine.RunOnceAsync();
            if (worked == 0) return steps;
            steps += worked;
        }
        throw new InvalidOperationException("The engine never went idle");
    }

    public async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    public Task<HistoricalPull> PullOfAsync(Guid userId) =>
        WithDbAsync(db => db.HistoricalPulls.AsNoTracking().SingleAsync(p => db.Connections.Any(c => c.Id == p.ConnectionId && c.UserId == userId)));

    public Task<ConnectionSyncState> StateOfAsync(Guid userId) =>
        WithDbAsync(db => db.SyncStates.AsNoTracking().SingleAsync(s => s.Connection!.UserId == userId));

    public Task<Connection> ConnectionOfAsync(Guid userId) =>
        WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.UserId == userId));

    public Task<List<StoredEvent>> EventsOfAsync(Guid userId) =>
        WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>The stored (floating timestamp, kind) keys of the user, oldest first.</summary>
    public Task<List<(DateTime Timestamp, ReadingKind Kind)>> ReadingKeysAsync(Guid userId) =>
        WithDbAsync(async db => (await db.Readings.AsNoTracking().Where(r => r.UserId == userId)
                .Select(r => new { r.Timestamp, r.Kind }).ToListAsync())
            .Select(r => (r.Timestamp, r.Kind)).OrderBy(r => r.Timestamp).ThenBy(r => r.Kind).ToList());

    /// <summary>
    /// What the simulator serves for [from, to) as the store keys it: floating time and kind, so the repeated hour of a
    /// clock change (two readings with one wall-clock time) counts once, as it does in the store.
    /// </summary>
    public static List<(DateTime Timestamp, ReadingKind Kind)> ServedKeys(SimAccount account, DateTimeOffset from, DateTimeOffset to) =>
        account.Data!.Historic(from, to).Select(r => (r.Local, ReadingKind.Automatic))
            .Concat(account.Data.Scans(from, to).Select(r => (r.Local, ReadingKind.ManualScan)))
            .Distinct().OrderBy(r => r.Item1).ThenBy(r => r.Item2).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers) await provider.DisposeAsync();
        await Sim.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
