using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.TestSupport;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Api;

public sealed class HealthAndProxyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_names_the_store_engine_and_a_database_servers_version()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(StoreDatabase.Provider, body.GetProperty("engine").GetString());
        var version = body.GetProperty("server_version");
        if (StoreDatabase.IsPostgreSql)
        {
            Assert.Matches(@"^\d+(\.\d+)?", version.GetString()!);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, version.ValueKind);
        }
    }

    [Fact]
    public void Forwarded_headers_are_trusted_from_no_proxy_unless_configured_not_even_loopback()
    {
        var options = factory.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Fact]
    public void Configured_proxies_and_networks_are_the_only_ones_trusted()
    {
        using var configured = factory.WithWebHostBuilder(host =>
        {
            host.UseSetting("ForwardedHeaders:KnownProxies:0", "10.1.2.3");
            host.UseSetting("ForwardedHeaders:KnownNetworks:0", "192.168.10.0/24");
        });

        var options = configured.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.Parse("10.1.2.3")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.10.0/24")], options.KnownIPNetworks);
    }
}
