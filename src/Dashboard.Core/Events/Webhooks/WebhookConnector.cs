using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>Turns a host name into addresses; the seam below the socket that tests replace to play a hostile DNS.</summary>
public interface IWebhookAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsWebhookAddressResolver : IWebhookAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>The connection was not opened because the endpoint's host resolved to an address webhooks may not go to.</summary>
public sealed class WebhookAddressRefusedException(string host) : IOException($"{host} resolves to an address webhooks may not go to");

/// <summary>
/// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and connects only when
/// every address it got is allowed — checked on the addresses actually dialled, so a DNS answer that changes between
/// registration and delivery (rebinding) cannot reach the inside.
/// </summary>
public sealed class WebhookConnector(IWebhookAddressResolver resolver, WebhookAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(policy.Allows))
        {
            throw new WebhookAddressRefusedException(host);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
