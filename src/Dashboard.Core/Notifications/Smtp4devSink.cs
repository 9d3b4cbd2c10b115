using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Notifications;

/// <summary>
/// smtp4dev (the repository's .NET tool, <c>dotnet-tools.json</c>) as a child process: an SMTP server that keeps every
/// message and shows it on a web page and over its HTTP API (<c>/api/messages</c>). The development console starts it
/// so the demo sends real mail a person can read; the tests start one each to read what the console sent. It keeps
/// messages in memory and listens on loopback only.
/// </summary>
public sealed class Smtp4devSink : IAsyncDisposable
{
    public const string HowToGetIt =
        "smtp4dev is the repository's .NET tool: run `dotnet tool restore` in the repository (it needs the NuGet feed once).";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private Smtp4devSink(Process process, ConcurrentQueue<string> output, Uri webAddress, int smtpPort)
    {
        _process = process;
        _output = output;
        WebAddress = webAddress;
        SmtpPort = smtpPort;
    }

    /// <summary>The web page (and HTTP API) that shows the messages.</summary>
    public Uri WebAddress { get; }
    public int SmtpPort { get; }

    /// <summary>
    /// Starts smtp4dev from <paramref name="repositoryRoot"/> (where the tool manifest is) and waits until its API
    /// answers. Port 0 takes a free one. Throws, saying how to get it, when it cannot start.
    /// </summary>
    public static async Task<Smtp4devSink> StartAsync(string repositoryRoot, int webPort = 0, int smtpPort = 0, bool restoreTools = false,
        CancellationToken ct = default)
    {
        if (!File.Exists(Path.Combine(repositoryRoot, "dotnet-tools.json")))
        {
            throw new InvalidOperationException($"No dotnet-tools.json in {repositoryRoot}. {HowToGetIt}");
        }
        if (restoreTools)
        {
            using var restore = Process.Start(new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("could not run `dotnet tool restore`. " + HowToGetIt);
            await restore.WaitForExitAsync(ct);
        }
        webPort = webPort == 0 ? FreePort() : webPort;
        smtpPort = smtpPort == 0 ? FreePort() : smtpPort;
        var data = Directory.CreateTempSubdirectory("lcd-smtp4dev-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}",
                     $"--imapport={FreePort()}", $"--pop3port={FreePort()}", "--allowremoteconnections-", "--hostname=localhost",
                     "--db=", "--nousersettings", $"--baseappdatapath={data}", "--messagestokeep=1000",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start smtp4dev. " + HowToGetIt);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Keep(output, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Keep(output, e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var sink = new Smtp4devSink(process, output, new Uri($"http://127.0.0.1:{webPort}/"), smtpPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {process.ExitCode}: {string.Join(Environment.NewLine, output)}. {HowToGetIt}");
            }
            try
            {
                using var answer = await http.GetAsync(new Uri(sink.WebAddress, "api/messages"), ct);
                if (answer.IsSuccessStatusCode && sink.SmtpListening())
                {
                    return sink;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(200, ct);
        }
        await sink.DisposeAsync();
        throw new TimeoutException($"smtp4dev did not answer within 90 s: {string.Join(Environment.NewLine, output)}");
    }

    private bool SmtpListening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string line)
    {
        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
