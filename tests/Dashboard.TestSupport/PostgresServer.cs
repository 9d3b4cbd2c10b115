using System.Diagnostics;
using System.Net.Sockets;
using Dashboard.Core.Storage.PostgreSql;
using Npgsql;

namespace Dashboard.TestSupport;

/// <summary>
/// The PostgreSQL server the tests use: the one <c>DASHBOARD_TEST_POSTGRES</c> names (a connection string of a role
/// that may create databases), else a throwaway cluster this process starts on a free loopback port and stops when
/// it exits. PostgreSQL refuses to run as root, so as root the cluster runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionVariable = "DASHBOARD_TEST_POSTGRES";

    private const string HowToGetIt =
        "The PostgreSQL tests need a server: install PostgreSQL (Debian: apt-get install -y postgresql) so initdb and pg_ctl are " +
        "found (on PATH or under /usr/lib/postgresql/*/bin), or set " + ConnectionVariable + " to the connection string of a role " +
        "that may create databases (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…).";

    /// <summary>Cluster folders are <c>lcd-pg-PID-random</c> under the temp folder, so a run can tell which are orphans.</summary>
    private const string FolderPrefix = "lcd-pg-";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string? _clusterFolder;

    private PostgresServer(string adminConnectionString, string? clusterFolder)
    {
        AdminConnectionString = adminConnectionString;
        _clusterFolder = clusterFolder;
    }

    /// <summary>Connects to the <c>postgres</c> maintenance database as a role that may create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server of this test process, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/> on this server, as the admin role.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ToString();

    private static async Task<PostgresServer> StartAsync()
    {
        PostgreSqlEngine.UseStoreTimestampMapping();
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var server = new PostgresServer(given, null);
            await server.CheckAsync($"{ConnectionVariable} is set but its server does not answer");
            return server;
        }

        var binaries = FindBinaries() ?? throw new InvalidOperationException("initdb and pg_ctl not found. " + HowToGetIt);
        RemoveStaleClusters();
        var folder = Directory.CreateTempSubdirectory($"{FolderPrefix}{Environment.ProcessId}-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", folder], asPostgres: false);
        }
        var data = Path.Combine(folder, "data");
        var port = LoopbackPort.Free();
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
        await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start"], asRoot);

        var started = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=120", folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Stop();
        await started.CheckAsync("the throwaway PostgreSQL cluster started but does not answer");
        return started;
    }

    private async Task CheckAsync(string problem)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"{problem}: {e.Message}. {HowToGetIt}", e);
        }
    }

    /// <summary>
    /// An immediate shutdown (SIGQUIT to the postmaster) straight from the exit handler: the test host gives the
    /// handler little time, and nothing in a throwaway cluster needs a clean shutdown.
    /// </summary>
    private void Stop()
    {
        if (_clusterFolder is null) return;
        try
        {
            if (PostmasterPid(_clusterFolder) is { } pid) _ = Kill(pid, SignalQuit);
            Directory.Delete(_clusterFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still shutting down: the next test run removes the folder (RemoveStaleClusters).
        }
    }

    /// <summary>
    /// Clusters whose test process is gone (the folder names its process id): stopped if still running, then removed.
    /// A folder of a live process — another test assembly running beside this one — is never touched.
    /// </summary>
    private static void RemoveStaleClusters()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var ownerPid) || Kill(ownerPid, 0) == 0) continue;
            try
            {
                if (PostmasterPid(folder) is { } pid) _ = Kill(pid, SignalQuit);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static int? PostmasterPid(string clusterFolder)
    {
        var pidFile = Path.Combine(clusterFolder, "data", "postmaster.pid");
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private const int SignalQuit = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        if (onPath is not null) return onPath;
        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian).Select(v => Path.Combine(v, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb"))).OrderByDescending(bin => bin, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}. {HowToGetIt}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}. {HowToGetIt}");
        }
    }
}
