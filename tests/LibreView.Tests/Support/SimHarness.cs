using LibreView.Client;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LibreView.Tests.Support;

/// <summary>
/// A simulator on real loopback Kestrel with a movable clock, and a client wired through DI exactly as the product
/// does. Disposing asserts the client asked for no path outside the reference's list.
/// </summary>
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
        services.AddSingleton<TimeProvider>(new FakeClockWithRealTimers(time));
        services.AddLibreViewClient(o =>
        {
            o.BaseUrlTemplate = sim.RegionUrlTemplate;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.PollDelay = TimeSpan.FromMilliseconds(1);
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

    public LibreViewCredentials Credentials(string email, string? region = null, string password = Password, string? trustedDevice = null) =>
        new(email, password, region, trustedDevice);

    /// <summary>Logs in and asserts success.</summary>
    public async Task<LibreViewSession> LoginAsync(string email, string? region = null, LoginPurpose purpose = LoginPurpose.Interactive)
    {
        var result = await Client.LoginAsync(Credentials(email, region), purpose);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    /// <summary>Logs in an account with two-factor: the code is read back from the simulator as the person would read it.</summary>
    public async Task<LibreViewSession> LoginWithCodeAsync(string email, string? region = null)
    {
        var login = await Client.LoginAsync(Credentials(email, region), LoginPurpose.Interactive);
        Assert.Equal(LibreViewErrorKind.MfaRequired, login.Error?.Kind);
        var done = await Client.CompleteMfaAsync(login.Error!.Mfa!, State.LastMfaCode(email)!);
        Assert.True(done.IsSuccess, done.Error?.ToString());
        return done.Value;
    }

    public async ValueTask DisposeAsync()
    {
        var unlisted = State.Requests.Unlisted;
        Control.Dispose();
        await _services.DisposeAsync();
        await Sim.DisposeAsync();
        Assert.True(unlisted == 0, $"The client asked the simulator for {unlisted} path(s) the reference does not list");
    }
}
