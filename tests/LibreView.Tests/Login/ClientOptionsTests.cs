using LibreView.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LibreView.Tests.Login;

public class ClientOptionsTests
{
    [Fact]
    public void Configuration_section_binds_and_a_region_list_replaces_the_all_regions_default()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LibreView:BaseUrlTemplate"] = "http://localhost:5080/_libreview/{region}",
            ["LibreView:Regions:0"] = "us",
            ["LibreView:Regions:1"] = "ca",
            ["LibreView:RetryBaseDelay"] = "00:00:00.010",
            ["LibreView:RegionBaseUrls:cn"] = "http://localhost:5099/cn-host",
        }).Build();
        var services = new ServiceCollection();
        services.AddLibreViewClient(config.GetSection("LibreView"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LibreViewClientOptions>>().Value;

        Assert.Equal(["us", "ca"], options.Regions);
        Assert.True(options.Serves("CA"));
        Assert.False(options.Serves("de"));
        Assert.Equal(new Uri("http://localhost:5080/_libreview/ca/user"), options.RegionUri("ca", "/user"));
        Assert.Equal(new Uri("http://localhost:5099/cn-host/auth/login"), options.RegionUri("cn", "/auth/login"));
        Assert.Equal(new Uri("https://api.libreview.ru/user"), options.RegionUri("ru", "/user"));
        Assert.Equal("lv", options.Product);
        Assert.True(new LibreViewClientOptions().Serves("eu2"));
        Assert.NotNull(provider.GetRequiredService<ILibreViewClient>());
    }

    [Fact]
    public void Handed_back_addresses_are_fetched_only_on_libreview_hosts_of_served_regions_or_configured_ones()
    {
        var production = new LibreViewClientOptions { Regions = ["us", "eu2"] };
        Assert.True(production.MayFetchHandedBack(new Uri("https://hub-us.libreview.io/channel/abc")));
        Assert.True(production.MayFetchHandedBack(new Uri("https://api-eu2.libreview.io/poll/abc?client=1")));
        Assert.False(production.MayFetchHandedBack(new Uri("https://hub-de.libreview.io/channel/abc"))); // a region we do not serve
        Assert.False(production.MayFetchHandedBack(new Uri("http://hub-us.libreview.io/channel/abc"))); // the ticket never goes in clear
        Assert.False(production.MayFetchHandedBack(new Uri("https://hub-us.libreview.io.example.org/channel/abc")));
        Assert.False(production.MayFetchHandedBack(new Uri("https://reports.example.org/r/1")));
        production.ExtraHandBackHosts.Add("reports.example.org");
        Assert.True(production.MayFetchHandedBack(new Uri("https://reports.example.org/r/1")));

        var simulator = new LibreViewClientOptions { BaseUrlTemplate = "http://127.0.0.1:5090/{region}" };
        Assert.True(simulator.MayFetchHandedBack(new Uri("http://127.0.0.1:5090/us/lp/1")));
        Assert.False(simulator.MayFetchHandedBack(new Uri("http://127.0.0.1:5091/us/lp/1")));
        Assert.True(new LibreViewClientOptions().MayFetchHandedBack(new Uri("https://api.libreview.ru/poll/1"))); // ru's own base URL
    }
}
