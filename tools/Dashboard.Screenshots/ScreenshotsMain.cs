using Dashboard.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Screenshots;

/// <summary>
/// <c>dotnet run --project tools/Dashboard.Screenshots -- [folder]</c>: starts the console with the demo data, as the
/// end-to-end tests do, and saves each page of <see cref="ScreenshotTour"/> in the light and the dark theme as PNGs at
/// 1440×900 into the folder (default <c>docs/screenshots</c>, relative to the current directory).
/// </summary>
internal static class ScreenshotsMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help") || args.Length > 1)
        {
            Console.WriteLine("Usage: dotnet run --project tools/Dashboard.Screenshots -- [folder]   (default: docs/screenshots)");
            return args.Length > 1 ? 2 : 0;
        }
        var folder = Path.GetFullPath(args.Length == 1 ? args[0] : Path.Combine("docs", "screenshots"));
        Directory.CreateDirectory(folder);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        Console.WriteLine("Starting the console with the demo data…");
        await using var console = await ScreenshotConsole.StartAsync(stop.Token);
        Console.WriteLine($"The console listens on {console.BaseAddress}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var written = await new ScreenshotTour(console, browser, folder).TakeAsync(stop.Token);

        Console.WriteLine($"{written.Count} screenshots in {folder}:");
        foreach (var file in written)
        {
            Console.WriteLine($"  {Path.GetFileName(file)}  {new FileInfo(file).Length / 1024} KB");
        }
        return 0;
    }

    /// <summary>The Chromium the end-to-end tests use (<see cref="BrowserDiscovery"/>).</summary>
    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var executable = BrowserDiscovery.FindExecutable();
        if (executable is null && Microsoft.Playwright.Program.Main(["install", "chromium"]) != 0)
        {
            throw new InvalidOperationException(BrowserDiscovery.HowToGetOne);
        }
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
}
