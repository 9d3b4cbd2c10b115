using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>
/// Which network addresses a webhook may go to: public ones only. Loopback, private (RFC 1918, unique local), link-local
/// (where cloud metadata services answer, 169.254.169.254), carrier-grade NAT, multicast, documentation, reserved and
/// unspecified addresses are refused, so a registered URL cannot reach into the network the app runs in. Loopback is
/// allowed only in Development and only when <c>Webhooks:AllowLoopback</c> says so.
/// </summary>
public sealed class WebhookAddressPolicy(IOptions<WebhookOptions> options, IHostEnvironment? environment = null)
{
    private static readonly IPNetwork[] Forbidden = [.. ((string[])
    [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
        "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ]).Select(IPNetwork.Parse)];

    /// <summary>Host names of cloud metadata services, refused whatever they resolve to.</summary>
    private static readonly string[] MetadataHosts = ["metadata", "metadata.google.internal", "metadata.azure.com", "instance-data", "instance-data.ec2.internal"];

    public bool AllowsLoopback => options.Value.AllowLoopback && environment?.IsDevelopment() == true;

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (IPNetwork.Parse("64:ff9b::/96").Contains(address))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]); // NAT64 carries an IPv4 address in its last 4 bytes
        }
        if (IPAddress.IsLoopback(address))
        {
            return AllowsLoopback;
        }
        return !Forbidden.Any(network => network.Contains(address));
    }

    /// <summary>Null when the URL's host may be registered; otherwise why not. Names are checked again, resolved, at connect time.</summary>
    public string? CheckHost(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return Allows(literal) ? null : Refusal;
        }
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return AllowsLoopback ? null : Refusal;
        }
        return MetadataHosts.Contains(host) ? Refusal : null;
    }

    public const string Refusal = "Webhook endpoints must be on the public internet: loopback, private, link-local, shared (CGNAT), multicast and cloud metadata addresses are refused.";
}
