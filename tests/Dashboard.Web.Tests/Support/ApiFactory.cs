using System.Net.Http.Headers;
using Dashboard.Contract;
using Dashboard.Core.Practices;
using Dashboard.TestSupport;
using LibreView.Simulator;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Practice accounts always need a code (reference §4.1): once the app runs, each is signed in as an admin would
    /// do it, with the code the simulator "e-mailed".
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        var failed = host.Services.GetRequiredService<PracticeAccountSessions>()
            .SignInAllAsync(a => Simulator.State.LastMfaCode(a.Email), CancellationToken.None).GetAwaiter().GetResult();
        if (failed.Count > 0) throw new InvalidOperationException($"The practice account {failed[0].Account.Email} did not sign in: {failed[0].Error}");
        return host;
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
        var unlisted = Simulator.State.Requests.Unlisted;
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
        if (unlisted != 0) throw new InvalidOperationException($"The app asked the simulator for {unlisted} path(s) the reference does not list");
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
