using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.Benchmarks.Runner;

/// <summary>
/// The built console (src/Dashboard.Web) started as its own process in Development on a free loopback port, with a
/// fresh SQLite file, so its memory can be read from /proc without the benchmark's own allocations in it.
/// </summary>
public sealed partial class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;

    private ConsoleProcess(Process process, string dataFolder, Uri baseAddress)
    {
        _process = process;
        _dataFolder = dataFolder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>A plain connection string to the console's store, for seeding it with raw SQL while it runs.</summary>
    public string ConnectionString => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_dataFolder, "dashboard.db"),
        Pooling = false,
    }.ToString();

    public int ProcessId => _process.Id;

    /// <summary>Resident set size of the console process in bytes (VmRSS).</summary>
    public long WorkingSetBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
    }

    /// <summary>CPU time the console process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the console; <paramref name="settings"/> are further <c>--Key value</c> pairs for its configuration.</summary>
    public static async Task<ConsoleProcess> StartAsync(CancellationToken ct, params string[] settings)
    {
        var webProject = Path.Combine(Dashboard.TestSupport.RepositoryRoot.Path, "src", "Dashboard.Web");
        var dll = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(webProject, "bin", configuration, "net10.0", "Dashboard.Web.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException($"Build {webProject} first (dotnet build -c Release).");
        var dataFolder = Directory.CreateTempSubdirectory("lcd-bench-web-").FullName;

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments = [dll, "--urls", "http://127.0.0.1:0", "--ConnectionStrings:Dashboard", $"Data Source={Path.Combine(dataFolder, "dashboard.db")}",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information", .. settings];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the console.");

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The console exited with {process.ExitCode}: {string.Join(Environment.NewLine, errors.TakeLast(10))}"));

        var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(3), ct);
        return new ConsoleProcess(process, dataFolder, address);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
