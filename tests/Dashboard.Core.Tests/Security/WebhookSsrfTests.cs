using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Tests.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Security;

/// <summary>
/// Issue #18 row 2: webhook URLs must not reach into the network the app runs in — not by an address in the URL, and
/// not by a name whose DNS answer points inside (checked on the resolved address, when the connection is opened).
/// </summary>
public sealed class WebhookSsrfTests
{
    [Fact]
    public async Task Inside_addresses_are_refused_at_registration_and_names_resolving_inside_are_never_connected_to()
    {
        await using var listener = CountingListener.Start();
        var dns = new TestResolver
        {
            ["hooks.rebind.test"] = [IPAddress.Loopback],
            ["hooks.metadata.test"] = [IPAddress.Parse("169.254.169.254")],
            ["hooks.mixed.test"] = [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.1.2.3")],
        };
        await using var harness = await WebhookHarness.StartAsync(services =>
            services.AddSingleton<IWebhookAddressResolver>(dns).Configure<WebhookOptions>(o => o.AllowLoopback = false));

        foreach (var url in (string[])[
            "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hooks", "https://172.20.1.1/hooks", "https://192.168.1.1/hooks",
            "https://127.0.0.1:22/", "https://0.0.0.0/hooks", "https://100.64.0.1/hooks", "https://224.0.0.251/hooks",
            "https://[::1]/hooks", "https://[::ffff:127.0.0.1]/hooks", "https://[fe80::1]/hooks", "https://[fd00:ec2::254]/hooks",
            "https://localhost/hooks", "https://metadata.google.internal/computeMetadata/v1/", $"http://127.0.0.1:{listener.Port}/hooks"])
        {
            var result = await harness.Admin.AddEndpointAsync(harness.Scope, harness.TeamId, url, []);
            Assert.False(result.Succeeded, $"{url} was registered");
        }

        // Names look public at registration; their DNS answers point inside, and the app checks what it dials.
        foreach (var host in (string[])["hooks.rebind.test", "hooks.metadata.test", "hooks.mixed.test"])
        {
            await harness.AddEndpointAsync($"https://{host}:{listener.Port}/hooks");
        }
        await harness.RecordEventsAsync(2);
        await harness.Dispatcher.RunOnceAsync();

        Assert.Equal(0, listener.Connections);
        await using var db = await harness.CreateDbAsync();
        var errors = await db.WebhookAttempts.AsNoTracking().Select(a => a.Error!).ToListAsync();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, error =>
        {
            Assert.Equal(WebhookAddressPolicy.Refusal, error);
            Assert.DoesNotContain(listener.Port.ToString(), error);
        });
        Assert.True(dns.Lookups >= 3, "the connect path did not use the resolver seam");
    }

    [Fact]
    public async Task The_webhook_client_dials_what_the_resolver_answers_and_loopback_only_when_development_allows_it()
    {
        await using var listener = CountingListener.Start();
        var dns = new TestResolver { ["hooks.rebind.test"] = [IPAddress.Loopback] };
        var url = $"http://hooks.rebind.test:{listener.Port}/hooks";

        await using (var refusing = await WebhookHarness.StartAsync(services =>
            services.AddSingleton<IWebhookAddressResolver>(dns).Configure<WebhookOptions>(o => o.AllowLoopback = false)))
        {
            var client = refusing.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.ClientName);
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, new StringContent("{}")));
            Assert.IsType<WebhookAddressRefusedException>(refused.InnerException);
            Assert.Equal(0, listener.Connections);
        }

        await using var allowing = await WebhookHarness.StartAsync(services => services.AddSingleton<IWebhookAddressResolver>(dns));
        var allowed = allowing.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.ClientName);
        Assert.Equal(HttpStatusCode.NoContent, (await allowed.PostAsync(url, new StringContent("{}"))).StatusCode);
        Assert.Equal(1, listener.Connections);
    }

    /// <summary>A hostile DNS: answers the names it was given, fails the others.</summary>
    private sealed class TestResolver : Dictionary<string, IPAddress[]>, IWebhookAddressResolver
    {
        private int _lookups;

        public int Lookups => _lookups;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            return TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : throw new SocketException((int)SocketError.HostNotFound);
        }
    }

    /// <summary>A TCP listener on 127.0.0.1 that counts connections and answers each request <c>204</c>.</summary>
    private sealed class CountingListener : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public static CountingListener Start()
        {
            var listener = new CountingListener();
            listener._listener.Start();
            _ = listener.AcceptAsync();
            return listener;
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    _ = AnswerAsync(client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private static async Task AnswerAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var seen = "";
                int read;
                while (!seen.Contains("\r\n\r\n") && (read = await stream.ReadAsync(buffer)) > 0)
                {
                    seen += System.Text.Encoding.ASCII.GetString(buffer, 0, read);
                }
                await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
