using Dashboard.Core.Events;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;

namespace Dashboard.Core.Tests.Events;

public sealed class EventStreamQueryTests : IAsyncLifetime
{
    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<Guid> StrangerTeamWithAnEventAsync()
    {
        await using var db = await _harness.CreateDbAsync();
        var stranger = new Organization { Name = "Stranger", Teams = [new Team { Name = "Stranger team" }] };
        db.Organizations.Add(stranger);
        new EventRecorder(_harness.Clock).Record(db, EventTypes.ConnectionCreated, stranger.Teams[0].Id, null, "stranger-patient", new { });
        await db.SaveChangesAsync();
        return stranger.Teams[0].Id;
    }

    [Fact]
    public async Task Pages_go_newest_first_and_hold_only_the_scopes_events()
    {
        var ids = await _harness.RecordEventsAsync(7);
        await StrangerTeamWithAnEventAsync();

        var first = await _harness.EventStream.PageAsync(_harness.Scope, new EventFilter(), page: 0, pageSize: 3);
        var last = await _harness.EventStream.PageAsync(_harness.Scope, new EventFilter(), page: 2, pageSize: 3);

        Assert.Equal(7, first.Total);
        Assert.Equal(ids.Reverse().Take(3), first.Items.Select(e => e.Id));
        Assert.Equal([ids[0]], last.Items.Select(e => e.Id));
        Assert.All(first.Items, e => Assert.Equal("Hooks team", e.TeamName));
        Assert.Contains("\"event_type\": \"daily.data.glucose.created\"", first.Items[0].Json);
    }

    [Fact]
    public async Task Filters_narrow_by_type_patient_team_and_days_and_never_reach_another_organisation()
    {
        await _harness.RecordEventsAsync(3);
        await _harness.RecordEventsAsync(2, EventTypes.ConnectionError);
        var strangerTeam = await StrangerTeamWithAnEventAsync();
        var today = _harness.Clock.GetUtcNow().UtcDateTime.Date;

        async Task<int> CountAsync(EventFilter filter) => (await _harness.EventStream.PageAsync(_harness.Scope, filter, 0, 50)).Total;

        Assert.Equal(2, await CountAsync(new EventFilter(EventType: EventTypes.ConnectionError)));
        Assert.Equal(2, await CountAsync(new EventFilter(ClientUserId: "patient-1")));
        Assert.Equal(5, await CountAsync(new EventFilter(TeamId: _harness.TeamId)));
        Assert.Equal(0, await CountAsync(new EventFilter(TeamId: strangerTeam)));
        Assert.Equal(0, await CountAsync(new EventFilter(ClientUserId: "stranger-patient")));
        Assert.Equal(5, await CountAsync(EventFilter.ForDays(null, null, null, today, today)));
        Assert.Equal(0, await CountAsync(EventFilter.ForDays(null, null, null, today.AddDays(1), null)));
        Assert.Equal(0, await CountAsync(EventFilter.ForDays(null, null, null, null, today.AddDays(-1))));
    }
}
