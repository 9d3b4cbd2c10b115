using Dashboard.Core.Access;
using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;

namespace Dashboard.Core.Tests.Events;

/// <summary>
/// Admin actions on webhooks answer with an outcome code and what it is about (the console words it in the person's
/// language), with a refusal in invariant English as <see cref="WebhookActionResult.Error"/>.
/// </summary>
public sealed class WebhookAdministrationTests : IAsyncLifetime
{
    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_added_endpoint_is_Done_with_its_secret()
    {
        var result = await _harness.Admin.AddEndpointAsync(_harness.Scope, _harness.TeamId, "https://hooks.example.com/libre", [EventTypes.ConnectionCreated]);

        Assert.Equal((WebhookActionOutcome.Done, true, null), (result.Outcome, result.Succeeded, result.Error));
        Assert.NotNull(result.Secret);
    }

    [Fact]
    public async Task A_team_outside_the_scope_is_TeamNotInScope()
    {
        var result = await _harness.Admin.AddEndpointAsync(_harness.Scope, Guid.NewGuid(), "https://hooks.example.com/libre", []);

        Assert.Equal(new WebhookActionResult(WebhookActionOutcome.TeamNotInScope), result);
        Assert.Equal("Choose one of your teams.", result.Error);
    }

    [Fact]
    public async Task A_refused_url_is_UrlRefused_with_the_rule_s_problem()
    {
        var missing = await _harness.Admin.AddEndpointAsync(_harness.Scope, _harness.TeamId, " ", []);
        var userInfo = await _harness.Admin.AddEndpointAsync(_harness.Scope, _harness.TeamId, "https://user:pw@hooks.example.com/x", []);
        var metadata = await _harness.Admin.AddEndpointAsync(_harness.Scope, _harness.TeamId, "https://169.254.169.254/latest/meta-data/", []);

        Assert.Equal(new WebhookActionResult(WebhookActionOutcome.UrlRefused, UrlProblem: WebhookUrlProblem.Missing), missing);
        Assert.Equal("Enter the endpoint's URL.", missing.Error);
        Assert.Equal((WebhookActionOutcome.UrlRefused, WebhookUrlProblem.HasUserInfo), (userInfo.Outcome, userInfo.UrlProblem));
        Assert.Equal((WebhookActionOutcome.UrlRefused, WebhookUrlProblem.NotPublic, WebhookAddressPolicy.Refusal), (metadata.Outcome, metadata.UrlProblem, metadata.Error));
        Assert.False(missing.Succeeded || userInfo.Succeeded || metadata.Succeeded);
    }

    [Fact]
    public async Task Event_types_one_cannot_subscribe_to_are_UnknownEventTypes_with_those_types()
    {
        var result = await _harness.Admin.AddEndpointAsync(_harness.Scope, _harness.TeamId, "https://hooks.example.com/libre",
            [EventTypes.ConnectionCreated, "glucose.everything", "nope"]);

        Assert.Equal((WebhookActionOutcome.UnknownEventTypes, false), (result.Outcome, result.Succeeded));
        Assert.Equal(["glucose.everything", "nope"], result.UnknownEventTypes);
        Assert.Equal("Unknown event type: glucose.everything, nope.", result.Error);
    }

    [Fact]
    public async Task An_endpoint_or_delivery_of_no_one_s_is_EndpointNotFound_or_DeliveryNotFound()
    {
        var enabled = await _harness.Admin.SetEnabledAsync(_harness.Scope, Guid.NewGuid(), true);
        var rotated = await _harness.Admin.RotateSecretAsync(_harness.Scope, Guid.NewGuid());
        var deleted = await _harness.Admin.DeleteEndpointAsync(_harness.Scope, Guid.NewGuid());
        var tested = await _harness.Admin.SendTestEventAsync(_harness.Scope, Guid.NewGuid());
        var redelivered = await _harness.Admin.RedeliverAsync(_harness.Scope, 987654);

        Assert.All([enabled, rotated, deleted, tested], r => Assert.Equal(new WebhookActionResult(WebhookActionOutcome.EndpointNotFound), r));
        Assert.Equal("That webhook endpoint was not found.", tested.Error);
        Assert.Equal(new WebhookActionResult(WebhookActionOutcome.DeliveryNotFound), redelivered);
        Assert.Equal("That delivery was not found.", redelivered.Error);
    }

    [Fact]
    public async Task Another_organisation_s_endpoint_is_EndpointNotFound()
    {
        var (endpointId, _) = await _harness.AddEndpointAsync("https://hooks.example.com/libre");

        var result = await _harness.Admin.SetEnabledAsync(new StaffScope(Guid.NewGuid(), "Other", [Guid.NewGuid()]), endpointId, false);

        Assert.Equal(WebhookActionOutcome.EndpointNotFound, result.Outcome);
    }
}
