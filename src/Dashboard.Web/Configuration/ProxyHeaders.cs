using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Web.Configuration;

/// <summary>
/// Behind a load balancer the app sees the proxy's address and plain HTTP. <c>X-Forwarded-For</c> and
/// <c>-Proto</c> are honoured from the proxies listed under <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR) only — none by default, not even loopback — so a client cannot
/// choose its own audit IP or make sign-in redirects point elsewhere.
/// </summary>
internal static class ProxyHeaders
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies has '{proxy}', which is not an IP address"));
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks has '{network}', which is not a CIDR network (e.g. 10.0.0.0/8)"));
            }
        });
        return services;
    }
}
