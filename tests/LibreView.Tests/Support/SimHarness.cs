using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LibreView.Tests.Support;

/// <summary>A simulator on real loopback Kestrel with a movable clock, and a client wired through DI exactly as the product does.</summary>
internal sealed class SimHarness : IAsyncDisposable
{
    public const string Password = "Libre-Passw0rd!";

    private readonly ServiceProvider _services;

    private SimHarness(SimulatorServer sim, FakeTimeProvider time, ServiceProvider services)
    {
        Sim = sim;
        Time = time;
        _services = services;
        Client = services.GetRequiredService<ILibreViewClient>();
        Control = new HttpClient { BaseAddress = new Uri(sim.BaseUrl) };
    }

    public SimulatorServer Sim { get; }
    public SimulatorState State => Sim.State;
    public FakeTimeProvider Time { get; }
    public ILibreViewClient Client { get; }
    /// <summary>Plain HTTP to the simulator, for the control API and raw protocol checks.</summary>
    public HttpClient Control { get; }

    /// <summary>Starts at a whole minute close to the real clock, so the client's and the simulator's idea of "now" agree.</summary>
    public static async Task<SimHarness> StartAsync(Action<LibreViewClientOptions>? client = null, SimulatorOptions? options = null)
    {
        var now = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero));
        var sim = await SimulatorServer.StartAsync(options, time);
        var services = new ServiceCollection();
        services.AddLibreViewClient(o =>
        {
            o.BaseUrlTemplate = sim.RegionUrlTemplate;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetryAfterWait = TimeSpan.FromSeconds(2);
            client?.Invoke(o);
        });
        return new SimHarness(sim, time, services.BuildServiceProvider());
    }

    public SimAccount AddPatient(string email, string region = "us", string mfa = MfaMethods.None, string? mfaTarget = null,
        string sensor = "libre3", string profile = "well_controlled", Action<AccountSeed>? tweak = null)
    {
        var seed = new AccountSeed { Email = email, Password = Password, Region = region, Mfa = mfa, MfaTarget = mfaTarget, Sensor = sensor, Profile = profile };
        tweak?.Invoke(seed);
        return State.CreateAccount(seed);
    }

    public LibreViewCredentials Credentials(string email, string? region = null, string password = Password) => new(email, password, region);

    /// <summary>Logs in and asserts success.</summary>
    public async Task<LibreViewSession> LoginAsync(string email, string? region = null)
    {
        var result = await Client.LoginAsync(Credentials(email, region));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _services.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
