using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.TestSupport;

/// <summary>
/// nginx in front of app instances, as <c>docs/deploy/nginx.conf</c> describes (sticky by an affinity cookie,
/// WebSockets for Blazor circuits, forwarded headers), run as a child process (<c>daemon off</c>) with its
/// configuration, pid and temp files in a folder of its own, on a loopback port. Each response names the instance
/// that answered in <c>X-Upstream</c> (test only), so a test knows where its browser is pinned.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string AffinityCookie = "lcd_node";

    private const string HowToGetIt = "The two-instance test needs nginx: apt-get install -y nginx (or put nginx on PATH).";

    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxProcess> StartAsync(IReadOnlyList<Uri> instances)
    {
        var nginx = new[] { "/usr/sbin/nginx" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "nginx")))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("nginx not found. " + HowToGetIt);
        var folder = Directory.CreateTempSubdirectory("lcd-nginx-").FullName;
        var port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), Configuration(folder, port, instances));

        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start nginx. " + HowToGetIt);
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var proxy = new NginxProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {string.Join(' ', errors)} {ReadLog(folder)}");
            }
            try
            {
                await http.GetAsync(new Uri(proxy.BaseAddress, "/health"));
                return proxy;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        await proxy.DisposeAsync();
        throw new TimeoutException($"nginx did not answer on port {port}: {ReadLog(folder)}");
    }

    private static string ReadLog(string folder) =>
        File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : "";

    private static string Configuration(string folder, int port, IReadOnlyList<Uri> instances) => $$"""
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        events { worker_connections 1024; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;

            # Sticky sessions: a browser keeps the instance its affinity cookie hashes to; a client without the
            # cookie gets a fresh random key, so cookie-less API calls spread over every instance.
            map $cookie_{{AffinityCookie}} $affinity { "" $request_id; default $cookie_{{AffinityCookie}}; }
            map $http_upgrade $connection_upgrade { default upgrade; "" close; }

            upstream dashboard {
                hash $affinity consistent;
        {{string.Join(Environment.NewLine, instances.Select(i => $"        server {i.Authority} max_fails=1 fail_timeout=10s;"))}}
            }

            server {
                listen 127.0.0.1:{{port}};
                location / {
                    proxy_pass http://dashboard;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_read_timeout 1h;
                    # Sign-in answers carry large cookies (chunked authentication ticket): room for their headers.
                    proxy_buffer_size 64k;
                    proxy_buffers 8 64k;
                    proxy_busy_buffers_size 128k;
                    # Run as root, nginx's workers are nobody and may not write this 0700 folder: never spool to disk.
                    proxy_max_temp_file_size 0;
                    proxy_next_upstream error timeout http_502 http_503;
                    add_header Set-Cookie "{{AffinityCookie}}=$affinity; Path=/; HttpOnly; SameSite=Lax" always;
                    add_header X-Upstream $upstream_addr always;
                }
            }
        }
        """;

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
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
