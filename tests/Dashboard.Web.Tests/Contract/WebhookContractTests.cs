using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Access;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Events;
using Dashboard.Core.Teams;
using Dashboard.Web.Tests.Support;
using LibreView.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Dashboard.Contract;

/// <summary>The app with short pulls and the webhook dispatcher run by hand.</summary>
public sealed class WebhookApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sync:HistoricalDays", "2");
        builder.UseSetting("Webhooks:Enabled", "false");
        builder.UseSetting("Webhooks:AllowLoopback", "true");
    }
}

/// <summary>
/// Webhooks as Junction sends them: a patient linked and synced through the real flows, every event delivered over
/// loopback HTTP to a real receiver, each payload validated against the event catalog schema of <c>x-webhook-events</c>,
/// and each delivery verified with Svix's headers as well as Standard Webhooks'.
/// </summary>
public sealed class WebhookContractTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private readonly HttpClient _us = factory.ClientFor(ApiFactory.SandboxUsKey);

    [Fact]
    public async Task Every_event_of_a_linked_and_synced_patient_matches_the_catalog_and_verifies_as_svix()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = await AddEndpointAsync(receiver.Url);

        var userId = await LinkAndSyncAsync();
        await ReplayAsync(userId, newest => newest.Date.AddHours(-2)); // the day before gets its last hours back: the last day is new
        await ReplayAsync(userId, newest => newest.AddMinutes(-30)); // the last day gets more
        await factory.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync();

        var received = receiver.Received.Where(r => r.Body.Contains(userId.ToString(), StringComparison.Ordinal)).ToList();
        var types = received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event_type").GetString()).ToHashSet();
        Assert.Contains("provider.connection.created", types);
        Assert.Contains("historical.data.glucose.created", types);
        Assert.Contains("historical.data.insulin_injection.created", types);
        Assert.Contains("daily.data.glucose.created", types);
        Assert.Contains("daily.data.glucose.updated", types);
        var now = DateTimeOffset.UtcNow;
        foreach (var delivery in received)
        {
            var violations = JunctionContract.Api.CheckWebhook(delivery.Body);
            Assert.True(violations.Count == 0, $"{delivery.Body[..Math.Min(300, delivery.Body.Length)]}\n  " + string.Join("\n  ", violations));

            // Svix's scheme under Svix's header names, checked independently, then by the Standard Webhooks library on the same values.
            var svixId = delivery.Headers["svix-id"].ToString();
            Assert.Equal(delivery.MessageId, svixId);
            Assert.True(SpecSignature.IsValid(secret, svixId, delivery.Headers["svix-timestamp"].ToString(), delivery.Body, delivery.Headers["svix-signature"].ToString(), now),
                "svix-* headers verify");
            var svixAsStandard = new Microsoft.AspNetCore.Http.HeaderDictionary
            {
                ["webhook-id"] = svixId,
                ["webhook-timestamp"] = delivery.Headers["svix-timestamp"],
                ["webhook-signature"] = delivery.Headers["svix-signature"],
            };
            new StandardWebhook(secret).Verify(delivery.Body, svixAsStandard);
            new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
        }
        var daily = received.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .First(e => e.GetProperty("event_type").GetString() == "daily.data.glucose.created");
        Assert.NotEmpty(daily.GetProperty("data").GetProperty("data").EnumerateArray());
        Assert.Equal("abbott_libreview", daily.GetProperty("data").GetProperty("source").GetProperty("provider").GetString());
    }

    [Fact]
    public void The_contract_rejects_a_payload_off_the_catalog_naming_the_field()
    {
        var offCatalog = """
            {"event_type":"provider.connection.error","user_id":"1449752e-0d8a-40e0-9206-91ab099b2537","client_user_id":"c","team_id":"56bd81c9-6219-4000-a775-ae85526eba18",
             "data":{"provider":"abbott_libreview","user_id":"1449752e-0d8a-40e0-9206-91ab099b2537","message":"m","error_type":"provider_password_expired","error_details":{}}}
            """;

        var violations = JunctionContract.Api.CheckWebhook(offCatalog);

        Assert.Contains(violations, v => v.StartsWith("/data/error_details", StringComparison.Ordinal));
        Assert.NotEmpty(JunctionContract.Api.CheckWebhook("""{"event_type":"daily.data.steps.created"}"""));
    }

    private async Task<string> AddEndpointAsync(string url)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var team = await db.Teams.SingleAsync(t => t.Environment == TeamEnvironment.Sandbox && t.DeploymentRegion == DeploymentRegion.Us);
        var result = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
            .AddEndpointAsync(new StaffScope(team.OrganizationId, "org", [team.Id]), team.Id, url, []);
        Assert.True(result.Succeeded, result.Error);
        return result.Secret!;
    }

    private async Task<Guid> LinkAndSyncAsync() => Guid.Parse((await LinkedPatients.LinkAndSyncAsync(factory, _us)).UserId);

    private Task SyncAllAsync() => LinkedPatients.SyncUntilIdleAsync(factory);

    /// <summary>
    /// Forgets the readings since <paramref name="cutOf"/> the newest and syncs again: the ongoing sync brings back its
    /// overlap, as a day after the newest stored reading (<c>.created</c>) or as more of that reading's day (<c>.updated</c>).
    /// </summary>
    private async Task ReplayAsync(Guid userId, Func<DateTime, DateTime> cutOf)
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            var newest = await db.Readings.Where(r => r.UserId == userId).MaxAsync(r => r.Timestamp);
            var cut = cutOf(newest);
            await db.Readings.Where(r => r.UserId == userId && r.Timestamp >= cut).ExecuteDeleteAsync();
            await db.Notes.Where(n => n.UserId == userId && n.Timestamp >= cut).ExecuteDeleteAsync();
            var remaining = await db.Readings.Where(r => r.UserId == userId).MaxAsync(r => r.Timestamp);
            var state = await db.SyncStates.SingleAsync(s => s.Connection!.UserId == userId);
            var shift = newest - remaining;
            state.LastReadingAt = remaining;
            state.LastReadingUtc -= shift;
            state.NextDueAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        await SyncAllAsync();
    }
}
