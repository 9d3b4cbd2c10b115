using System.Net.Http.Headers;
using Dashboard.Contract;
using Dashboard.TestSupport;
using LibreView.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The real app in Development (seeded teams, API keys and founding connection) on its own SQLite file,
/// talking over real loopback HTTP to a LibreView simulator seeded like the development one.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string SandboxUsKey = "dev_sandbox_us_key";
    public const string ProductionEuKey = "dev_production_eu_key";
    public const string PatientPassword = "Libre-Passw0rd!";

    private readonly string _folder = Directory.CreateTempSubdirectory("lcd-api-tests-").FullName;
    private readonly StoreDatabase _database;

    public ApiFactory()
    {
        _database = StoreDatabase.CreateAsync(_folder).GetAwaiter().GetResult();
        var options = new SimulatorOptions();
        DevelopmentSettings().GetSection("LibreViewSimulator").Bind(options);
        Simulator = SimulatorServer.StartAsync(options).GetAwaiter().GetResult();
    }

    public SimulatorServer Simulator { get; }

    public static IConfiguration DevelopmentSettings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.Development.json"))
        .Build();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        foreach (var (key, value) in _database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("LibreViewSimulator:Enabled", "false");
        builder.UseSetting("LibreView:BaseUrlTemplate", Simulator.RegionUrlTemplate);
        builder.UseSetting("LibreView:RetryBaseDelay", "00:00:00.010");
        builder.UseSetting("Sync:Enabled", "false"); // tests drive sync cycles by hand
    }

    /// <summary>A client with the team's API key whose every response is held to Junction's published schema.</summary>
    public HttpClient ClientFor(string apiKey, ICollection<string>? validated = null)
    {
        var client = AnonymousClient(validated);
        client.DefaultRequestHeaders.Add("x-vital-api-key", apiKey);
        return client;
    }

    /// <summary>A client without a key (link calls, refusals), its responses held to Junction's published schema too.</summary>
    /// <param name="validated">Collects "METHOD template" of each subset operation a response was validated against.</param>
    public HttpClient AnonymousClient(ICollection<string>? validated = null)
    {
        var client = CreateDefaultClient(new ContractCheckingHandler(validated));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
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
