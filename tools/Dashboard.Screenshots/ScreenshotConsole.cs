using System.Text.Json;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Screenshots;

/// <summary>
/// The console as the end-to-end tests host it (ConsoleAppFixture): real Kestrel on a free loopback port, Development
/// (dev sign-in, in-process simulator), its own SQLite file; unlike the tests, with the demo data of
/// appsettings.Development.json (the demo patients and their 90 days of history).
/// </summary>
internal sealed class ScreenshotConsole : IAsyncDisposable
{
    private const string DemoPrefix = "demo-";
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("lcd-shots-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public static async Task<ScreenshotConsole> StartAsync(CancellationToken ct)
    {
        var console = new ScreenshotConsole();
        console.Start();
        await console.WaitForDemoDataAsync(ct);
        return console;
    }

    private void Start()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Development);
            host.UseContentRoot(WebProjectFolder());
            host.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(_dataFolder, "dashboard.db")}");
            host.UseSetting("Urls", "http://127.0.0.1:0");
            // The engine finds the demo's broken passwords on its first look, not 15 s later.
            host.UseSetting("Sync:PollInterval", "00:00:01");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
    }

    /// <summary>
    /// The console's project folder, from the manifest Mvc.Testing writes next to this program. The factory itself
    /// looks for that manifest in the current directory (a test runner's is the output folder), which for
    /// <c>dotnet run</c> is wherever it was started.
    /// </summary>
    private static string WebProjectFolder()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var folders = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        return folders[typeof(Program).Assembly.FullName!];
    }

    /// <summary>
    /// Waits until the demo seeder has linked every demo patient, every historical pull has ended, and the sync has
    /// found the expired passwords the demo gives some of them: the state every screenshot shows.
    /// </summary>
    private async Task WaitForDemoDataAsync(CancellationToken ct)
    {
        var expected = Services.GetRequiredService<IConfiguration>().GetValue<int>("Seed:DemoPatients");
        var deadline = DateTime.UtcNow.AddMinutes(15);
        var lastReport = "";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using (var scope = Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
                var patients = await db.Users.CountAsync(u => u.ClientUserId.StartsWith(DemoPrefix), ct);
                var pulls = await db.HistoricalPulls.Select(p => p.Status).ToListAsync(ct);
                var active = pulls.Count(s => s is PullStatus.Scheduled or PullStatus.InProgress or PullStatus.Retrying);
                var expired = await db.Connections.CountAsync(c => c.Status == ConnectionStatus.Error && c.ErrorType == LinkErrorTypes.ProviderPasswordExpired, ct);
                var report = $"demo patients {patients}/{expected}, historical pulls {pulls.Count - active}/{pulls.Count} ended, {expired} expired passwords found";
                if (report != lastReport)
                {
                    Console.WriteLine(report);
                    lastReport = report;
                }
                if (patients >= expected && pulls.Count > 0 && active == 0 && (expected < 9 || expired > 0))
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo data was not ready within 15 minutes ({lastReport}).");
            }
            await Task.Delay(1000, ct);
        }
    }

    public async ValueTask DisposeAsync()
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
