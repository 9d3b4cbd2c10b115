using Dashboard.Core.Practices;
using LibreView.Simulator.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real console on real Kestrel on a free loopback port, in Development (dev sign-in, seed,
/// in-process simulator), with its own SQLite file so runs never share state.
/// </summary>
public sealed class ConsoleAppFixture : IAsyncLifetime
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("lcd-e2e-").FullName;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private WebApplicationFactory<Program>? _factory;

    public ConsoleAppFixture() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A console of its own for one test, with <paramref name="settings"/> over the shared fixture's (not public: xUnit wants one constructor).</summary>
    internal ConsoleAppFixture(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Development);
            host.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(_dataFolder, "dashboard.db")}");
            host.UseSetting("Urls", "http://127.0.0.1:0");
            host.UseSetting("Seed:DemoPatients", "0");
            // A short history keeps the browser tests light; the sync engine still runs for real.
            host.UseSetting("Sync:HistoricalDays", "3");
            host.UseSetting("Sync:PollInterval", "00:00:01");
            // Small pages, so a patient can sit on the third page of a practice's dashboard.
            host.UseSetting("LibreView:DashboardPageSize", "2");
            foreach (var (key, value) in _settings)
            {
                host.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        await SignInPracticeAccountsAsync();
    }

    /// <summary>
    /// Practice accounts always need a code (reference §4.1); the demo seeder is off here, so they are signed in once,
    /// as an admin would, with the code the in-process simulator "e-mailed".
    /// </summary>
    private async Task SignInPracticeAccountsAsync()
    {
        var simulator = Services.GetRequiredService<SimulatorState>();
        var failed = await Services.GetRequiredService<PracticeAccountSessions>().SignInAllAsync(a => simulator.LastMfaCode(a.Email), CancellationToken.None);
        if (failed.Count > 0) throw new InvalidOperationException($"The practice account {failed[0].Account.Email} did not sign in: {failed[0].Error}");
    }

    public string Url(string relative) => new Uri(BaseAddress, relative).ToString();

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
