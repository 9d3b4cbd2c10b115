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
}
