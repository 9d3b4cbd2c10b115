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

    private static WebhookUrlRule Rule(string environment, bool allowLoopback = true) =>
        new(new WebhookAddressPolicy(Options.Create(new WebhookOptions { AllowLoopback = allowLoopback }), new Host(environment)));

    [Theory]
    [InlineData("https://hooks.example.com/libre")]
    [InlineData("https://203.0.114.9:8443/hooks")]
    public void Production_accepts_https(string url) => Assert.Null(Rule(Environments.Production).Check(url));

    [Theory]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://hooks.example.com/libre")]
    public void Production_refuses_plain_http_even_to_loopback(string url) =>
        Assert.NotNull(Rule(Environments.Production).Check(url));

    [Theory]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost:8080/hooks")]
    [InlineData("http://[::1]:8080/hooks")]
    [InlineData("https://hooks.example.com/libre")]
    public void Development_also_accepts_http_to_this_machine(string url) => Assert.Null(Rule(Environments.Development).Check(url));

    [Theory]
    [InlineData("http://hooks.example.com/libre")]
    [InlineData("http://203.0.114.9/hooks")]
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
    public void Loopback_needs_both_development_and_the_setting()
    {
        Assert.NotNull(Rule(Environments.Production, allowLoopback: true).Check("http://127.0.0.1:1234/x"));
        Assert.NotNull(Rule(Environments.Development, allowLoopback: false).Check("http://127.0.0.1:1234/x"));
        Assert.Null(Rule(Environments.Development, allowLoopback: true).Check("http://127.0.0.1:1234/x"));
    }

    [Theory]
    [InlineData("", WebhookUrlProblem.Missing)]
    [InlineData("hooks.example.com", WebhookUrlProblem.NotAUrl)]
    [InlineData("https://user:pw@hooks.example.com/x", WebhookUrlProblem.HasUserInfo)]
    [InlineData("https://10.0.0.5/hooks", WebhookUrlProblem.NotPublic)]
    [InlineData("http://hooks.example.com/libre", WebhookUrlProblem.HttpsOrLoopbackRequired)]
    public void Each_refusal_has_a_problem_code_and_Check_is_its_English(string url, WebhookUrlProblem problem)
    {
        var rule = Rule(Environments.Development);

        Assert.Equal(problem, rule.Problem(url));
        Assert.Equal(WebhookUrlRule.MessageOf(problem), rule.Check(url));
    }

    [Fact]
    public void A_long_url_is_TooLong_and_plain_http_in_production_HttpsRequired()
    {
        var rule = Rule(Environments.Production);

        Assert.Equal(WebhookUrlProblem.TooLong, rule.Problem("https://hooks.example.com/" + new string('x', WebhookUrlRule.MaxLength)));
        Assert.Equal(WebhookUrlProblem.HttpsRequired, rule.Problem("http://hooks.example.com/libre"));
        Assert.Equal("Webhook endpoints must use https.", rule.Check("http://hooks.example.com/libre"));
        Assert.Null(rule.Problem("https://hooks.example.com/libre"));
    }
}
