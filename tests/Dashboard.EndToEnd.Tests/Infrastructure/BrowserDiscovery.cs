namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Which Chromium the end-to-end tests drive: <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c> if set, else
/// <c>/usr/bin/chromium</c> or <c>chromium</c> on PATH, else Playwright's own browser (installed when missing).
/// </summary>
internal static class BrowserDiscovery
{
    public const string EnvironmentVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    public static readonly string[] LaunchArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public const string HowToGetOne =
        "No Chromium for the end-to-end tests. Install Debian's (`apt-get install -y chromium`), " +
        "or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium or Chrome binary.";

    /// <summary>The executable to launch, or null to use Playwright's own browser.</summary>
    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable} points at '{configured}', which does not exist. {HowToGetOne}");
        }
        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
    }
}
