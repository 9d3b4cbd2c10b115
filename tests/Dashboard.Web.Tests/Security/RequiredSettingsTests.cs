using System.Diagnostics;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue #18 row 17: a deployment without its required settings stops at start-up and says which keys are missing.</summary>
public sealed class RequiredSettingsTests
{
    [Fact]
    public async Task Production_without_sign_in_settings_exits_naming_the_missing_keys()
    {
        var folder = Directory.CreateTempSubdirectory("lcd-required-").FullName;
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Authentication__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DataProtection__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Dashboard"] = $"Data Source={Path.Combine(folder, "dashboard.db")}";
        start.Environment["Sync__Enabled"] = "false";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The app was still running 60 s after starting in Production with no sign-in settings; it must exit. Output: " + await stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(1, process.ExitCode);
        var message = await stderr;
        Assert.Contains("Authentication:Oidc:Authority", message);
        Assert.Contains("Authentication:Oidc:ClientId", message);
        Assert.Contains("DataProtection:Certificate:Path", message);
        Assert.Contains("PublicBaseUrl", message);
    }
}
