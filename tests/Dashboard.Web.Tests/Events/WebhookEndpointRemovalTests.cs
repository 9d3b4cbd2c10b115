using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Web.Components.Pages.Events;
using Dashboard.Core.Events;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Events;

/// <summary>
/// Webhook endpoint changes on the events page's endpoint list: disable, enable, rotate and delete, each audited once by
/// the Core operation; a deleted endpoint leaves the list but its delivery log stays.
/// </summary>
public sealed class WebhookEndpointRemovalTests : ConsoleTestContext, IAsyncLifetime
{
    private static readonly AuditActor Admin = new("admin@example.org", ConsoleRoles.Admin, "203.0.113.9");
    private const string Url = "https://hooks.example.org/receiver";

    private readonly TestStore _store = new();
    private StaffScope _scope = StaffScope.None;
    private Guid _teamId;

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services);
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var organization = new Organization { Name = "Acme Care", Teams = [new Team { Name = "Team A" }] };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        _teamId = organization.Teams[0].Id;
        _scope = new StaffScope(organization.Id, organization.Name, [_teamId]);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await ((IAsyncDisposable)this).DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Adding_disabling_enabling_rotating_and_deleting_are_each_audited_once_and_the_delivery_log_stays()
    {
        var admin = Services.GetRequiredService<WebhookAdministration>();
        Assert.True((await admin.AddEndpointAsync(_scope, _teamId, Url, [], Admin)).Succeeded);
        var endpointId = (await admin.ListEndpointsAsync(_scope)).Single().Id;
        Assert.True((await admin.SendTestEventAsync(_scope, endpointId)).Succeeded); // one delivery in the log
        Render<MudSnackbarProvider>();
        var list = Render<WebhookEndpoints>(p => p
            .Add(c => c.Access, new ConsoleAccess(_scope, true, Admin))
            .Add(c => c.Teams, [new TeamChoice(_teamId, "Team A")]));
        list.WaitForElement("[data-testid=endpoint-row]");

        await ClickAsync(list, "Disable");
        await ClickAsync(list, "Enable");
        await ClickAsync(list, "Rotate secret");
        list.Find("[data-testid=endpoint-delete]").Click();
        list.WaitForElement("[data-testid=endpoints-empty]");

        foreach (var action in (string[])[AuditActions.AddWebhookEndpoint, AuditActions.DisableWebhookEndpoint, AuditActions.EnableWebhookEndpoint,
                     AuditActions.RotateWebhookSecret, AuditActions.DeleteWebhookEndpoint])
        {
            var entry = await WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == action));
            Assert.Equal((Admin.Name, Admin.Role, Admin.ClientIp, _teamId, Url), (entry.Actor, entry.ActorRole, entry.ClientIp, entry.TeamId, entry.Details));
            Assert.True(entry.At > DateTime.UtcNow.AddMinutes(-1));
        }
        var kept = await WithDbAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync());
        Assert.NotNull(kept.DeletedAt);
        Assert.False(kept.Enabled);
        Assert.Equal(1, await WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == endpointId)));
        Assert.Empty(await admin.ListEndpointsAsync(_scope));
        Assert.False((await admin.SetEnabledAsync(_scope, endpointId, true, Admin)).Succeeded);
    }

    private static async Task ClickAsync(IRenderedComponent<WebhookEndpoints> list, string label)
    {
        await list.FindAll("[data-testid=endpoint-row] button").Single(b => b.TextContent.Trim() == label).ClickAsync(new());
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=endpoint-row]")));
    }

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await work(db);
    }
}
