using Microsoft.AspNetCore.Hosting;
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
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Development);
            host.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(_dataFolder, "dashboard.db")}");
            host.UseSetting("Urls", "http://127.0.0.1:0");
            host.UseSetting("Seed:DemoPatients", "0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        return Task.CompletedTask;
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
