using Dashboard.Core.Events.Webhooks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Events;

public sealed class WebhookUrlRuleTests
{
    private sealed class Host(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static WebhookUrlRule Rule(string environment, bool? allowHttpLoopback = null) =>
        new(Options.Create(new WebhookOptions { AllowHttpLoopback = allowHttpLoopback }), new Host(environment));

    [Theory]
    [InlineData("https://hooks.example.com/libre")]
    [InlineData("https://127.0.0.1:8443/hooks")]
    public void Production_accepts_https(string url) => Assert.Null(Rule(Environments.Production).Check(url));

    [Theory]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://hooks.example.com/libre")]
    public void Production_refuses_plain_http_even_to_loopback(string url) =>
        Assert.Equal("Webhook endpoints must use https.", Rule(Environments.Production).Check(url));

    [Theory]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost:8080/hooks")]
    [InlineData("http://[::1]:8080/hooks")]
    [InlineData("https://hooks.example.com/libre")]
    public void Development_also_accepts_http_to_this_machine(string url) => Assert.Null(Rule(Environments.Development).Check(url));

    [Theory]
    [InlineData("http://hooks.example.com/libre")]
    [InlineData("http://10.0.0.5/hooks")]
    public void Development_refuses_http_to_other_machines(string url) =>
        Assert.Contains("must use https", Rule(Environments.Development).Check(url));

    [Theory]
    [InlineData("", "Enter the endpoint's URL.")]
    [InlineData("hooks.example.com", "Enter a full URL")]
    [InlineData("ftp://hooks.example.com/x", "Enter a full URL")]
    [InlineData("https://user:pw@hooks.example.com/x", "user name or password")]
    public void Malformed_urls_get_a_clear_error(string url, string expected) =>
        Assert.Contains(expected, Rule(Environments.Development).Check(url));

    [Fact]
    public void Configuration_can_allow_loopback_http_outside_development() =>
        Assert.Null(Rule(Environments.Production, allowHttpLoopback: true).Check("http://127.0.0.1:1234/x"));
}
