using LibreView.Simulator.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LibreView.Simulator;

/// <summary>
/// The simulator alone on real Kestrel loopback, for tests and benchmarks:
/// <c>await using var sim = await SimulatorServer.StartAsync(options);</c> then point the client at <see cref="RegionUrlTemplate"/>.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = app.Services.GetRequiredService<SimulatorState>();
    }

    /// <summary>Like <c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The client's base-URL template for this server: <c>http://127.0.0.1:PORT/{region}</c>.</summary>
    public string RegionUrlTemplate => BaseUrl + "/{region}";

    /// <summary>The live state: create accounts, change settings, inject faults, read MFA codes.</summary>
    public SimulatorState State { get; }

    /// <param name="options">Seeds and settings; defaults when null.</param>
    /// <param name="time">The simulator's clock (e.g. a FakeTimeProvider); the system clock when null.</param>
    /// <param name="port">0 picks a free port.</param>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, TimeProvider? time = null, int port = 0, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddSingleton(Options.Create(options ?? new SimulatorOptions()));
        builder.Services.AddLibreViewSimulator(configure: null, time);
        var app = builder.Build();
        app.UseLibreViewSimulator();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, address.Replace("[::1]", "127.0.0.1").TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
