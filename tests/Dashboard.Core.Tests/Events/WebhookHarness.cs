using Dashboard.Core.Access;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Events;

/// <summary>
/// The real domain services on a temporary SQLite file, with a fake clock. <see cref="RestartAsync"/> throws the
/// service provider (and its dispatcher) away and builds a new one on the same file, as an app restart would.
/// </summary>
public sealed class WebhookHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-webhook-tests-").FullName;
    private StoreDatabase? _database;
    private readonly List<ServiceProvider> _others = [];
    private ServiceProvider _services = null!;

    private readonly Action<IServiceCollection>? _configure;

    private WebhookHarness(Action<IServiceCollection>? configure) => _configure = configure;

    /// <summary>Starts on a whole second: PostgreSQL keeps microseconds, so sub-microsecond ticks would not read back equal.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    public StaffScope Scope { get; private set; } = StaffScope.None;
    public Guid TeamId { get; private set; }
    public IServiceProvider Services => _services;
    public WebhookDispatcher Dispatcher => _services.GetRequiredService<WebhookDispatcher>();
    public WebhookAdministration Admin => _services.GetRequiredService<WebhookAdministration>();
    public EventStreamQuery EventStream => _services.GetRequiredService<EventStreamQuery>();

    /// <param name="configure">Changes to the services after the product's own, e.g. a test DNS resolver.</param>
    public static async Task<WebhookHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var harness = new WebhookHarness(configure);
        await harness.BuildAsync();
        await harness.SeedTeamAsync();
        return harness;
    }

    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        await BuildAsync();
    }

    /// <summary>A dispatcher of another app instance on the same store (and the same clock).</summary>
    public async Task<WebhookDispatcher> AnotherInstanceAsync()
    {
        var other = await BuildProviderAsync();
        _others.Add(other);
        return other.GetRequiredService<WebhookDispatcher>();
    }

    private async Task BuildAsync() => _services = await BuildProviderAsync();

    private async Task<ServiceProvider> BuildProviderAsync()
    {
        _database ??= await StoreDatabase.CreateAsync(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowLoopback"] = "true", // the receivers listen on 127.0.0.1; Development only
            ["Webhooks:RetryBaseDelay"] = "00:00:01",
            ["Webhooks:RequestTimeout"] = "00:00:02",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development, ContentRootPath = _folder })
            .AddDashboardCore(configuration, _folder);
        _configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.InitializeStoreAsync();
        return provider;
    }

    private async Task SeedTeamAsync()
    {
        await using var db = await CreateDbAsync();
        var organization = new Organization { Name = "Webhook Test Org", CreatedAt = Clock.GetUtcNow().UtcDateTime };
        var team = new Team { Name = "Hooks team", OrganizationId = organization.Id, CreatedAt = organization.CreatedAt };
        db.AddRange(organization, team);
        await db.SaveChangesAsync();
        TeamId = team.Id;
        Scope = new StaffScope(organization.Id, organization.Name, [team.Id]);
    }

    public Task<DashboardDbContext> CreateDbAsync() =>
        _services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    /// <summary>Adds an endpoint for the test team and returns its id and secret.</summary>
    public async Task<(Guid Id, string Secret)> AddEndpointAsync(string url, params string[] eventTypes)
    {
        var result = await Admin.AddEndpointAsync(Scope, TeamId, url, eventTypes);
        Assert.True(result.Succeeded, result.Error);
        await using var db = await CreateDbAsync();
        var id = await db.WebhookEndpoints.Where(e => e.Url == url).OrderByDescending(e => e.CreatedAt).Select(e => e.Id).FirstAsync();
        return (id, result.Secret!);
    }

    /// <summary>Records events the way the product does (through <see cref="EventRecorder"/>, committed), returning their ids.</summary>
    public async Task<IReadOnlyList<long>> RecordEventsAsync(int count, string eventType = EventTypes.DailyGlucoseCreated)
    {
        await using var db = await CreateDbAsync();
        var recorder = _services.GetRequiredService<EventRecorder>();
        var events = Enumerable.Range(0, count)
            .Select(i => recorder.Record(db, eventType, TeamId, Guid.NewGuid(), $"patient-{i}", new { Date = $"2026-11-{i % 28 + 1:00}", Provider = "freestyle_libre" }))
            .ToList();
        await db.SaveChangesAsync();
        return events.Select(e => e.Id).ToList();
    }

    public async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = await CreateDbAsync();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.EventId).ToListAsync();
    }

    /// <summary>Runs dispatcher cycles, moving the clock on by <paramref name="step"/> between them, until <paramref name="done"/> or the limit.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan step, int maxCycles = 200)
    {
        for (var cycle = 0; cycle < maxCycles && !await done(); cycle++)
        {
            await Dispatcher.RunOnceAsync();
            Clock.Advance(step);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }
        await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
