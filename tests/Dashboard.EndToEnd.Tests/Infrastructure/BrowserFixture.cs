using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>One headless Chromium for the whole run.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        var executable = BrowserDiscovery.FindExecutable();
        if (executable is null)
        {
            InstallPlaywrightChromium();
        }
        try
        {
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = BrowserDiscovery.LaunchArguments,
            });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"{BrowserDiscovery.HowToGetOne} ({e.Message})", e);
        }
    }

    private static void InstallPlaywrightChromium()
    {
        var exitCode = Microsoft.Playwright.Program.Main(["install", "chromium"]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Playwright could not install its Chromium (exit {exitCode}). {BrowserDiscovery.HowToGetOne}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
