using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.TestSupport;

/// <summary>
/// The built console (<c>src/Dashboard.Web/bin/…/Dashboard.Web.dll</c>, the configuration this test assembly was
/// built in) running as its own process in Development on a given loopback port, configured by command-line
/// settings — the way an operator runs an instance.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private AppProcess(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(30));

    public static async Task<AppProcess> StartAsync(int port, IReadOnlyDictionary<string, string?> settings, TimeSpan? startTimeout = null)
    {
        var webProject = Path.Combine(RepositoryRoot.Path, "src", "Dashboard.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "Dashboard.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution first (dotnet build Dashboard.sln).");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webProject, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the console.");
        var output = new ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > 200) output.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), output);
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (startTimeout ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The console exited with {process.ExitCode}:{Environment.NewLine}{app.RecentOutput}");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The console did not answer /health on port {port}:{Environment.NewLine}{app.RecentOutput}");
    }

    /// <summary>SIGKILL: no shutdown, no lease released — a crashed instance.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}

public static class RepositoryRoot
{
    /// <summary>The folder holding Dashboard.sln, above the program's output folder or else the current directory.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Dashboard.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: run from inside the repository.");
    }
}
