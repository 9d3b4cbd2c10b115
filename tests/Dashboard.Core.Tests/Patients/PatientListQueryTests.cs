using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Organizations;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;
using Dashboard.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Patients;

public sealed class PatientListQueryTests : IAsyncLifetime
{
    private CoreStore _store = null!;
    private StaffScope _scope = null!;
    private StaffScope _otherScope = null!;

    public async Task InitializeAsync()
    {
        _store = await CoreStore.CreateAsync();
        using var scope = _store.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var us = new Team { Name = "US", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
        var eu = new Team { Name = "EU", Environment = TeamEnvironment.Production, DeploymentRegion = DeploymentRegion.Eu, CreatedAt = now };
        var other = new Team { Name = "Other", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
        db.Organizations.Add(new Organization { Name = "Org", Plan = Plan.Scale, CreatedAt = now, Teams = [us, eu] });
        db.Organizations.Add(new Organization { Name = "Other org", Plan = Plan.Launch, CreatedAt = now, Teams = [other] });
        void Patient(Team team, string id, ConnectionStatus? status, string? error = null, string provider = Providers.AbbottLibreView, string? region = "us")
        {
            var user = new User { TeamId = team.Id, ClientUserId = id, CreatedAt = now };
            db.Users.Add(user);
            if (status is { } s)
            {
                db.Connections.Add(new Connection { UserId = user.Id, Provider = provider, Status = s, ErrorType = error, Region = region, ExternalUserId = "lv-" + id, CreatedAt = now });
            }
        }
        Patient(us, "alice", ConnectionStatus.Connected);
        Patient(us, "bob", ConnectionStatus.Error, LinkErrorTypes.ProviderPasswordExpired);
        Patient(us, "carol", ConnectionStatus.Error, LinkErrorTypes.ProviderCredentialError);
        Patient(eu, "dave", ConnectionStatus.Error, LinkErrorTypes.UserNotFound, Providers.FreeStyleLibre, "gb");
        Patient(eu, "erin", null);
        Patient(eu, "frank", ConnectionStatus.Error, "unknown", region: "de");
        Patient(other, "mallory", ConnectionStatus.Connected);
        await db.SaveChangesAsync();
        _scope = new StaffScope(Guid.Empty, "Org", [us.Id, eu.Id]);
        _otherScope = new StaffScope(Guid.Empty, "Other org", [other.Id]);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<PatientListPage> Page(PatientListFilter filter, PatientSortColumn sort = PatientSortColumn.ClientUserId, bool descending = false, int page = 0, int size = 50) =>
        _store.Get<PatientListQuery>().PageAsync(_scope, filter, sort, descending, page, size);

    private static string[] Ids(PatientListPage page) => page.Rows.Select(r => r.ClientUserId).ToArray();

    [Fact]
    public async Task The_export_refuses_a_viewer_without_an_entry_and_audits_support_s_export_before_its_rows()
    {
        var export = _store.Get<PatientListExport>();
        var since = Dashboard.TestSupport.AuditAssert.Now();

        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() =>
            export.StartAsync(_scope, new Audit.AuditActor("vic@example.org", ConsoleRoles.Viewer, null), new PatientListFilter(), "?status=error"));
        using var scope = _store.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        Assert.Equal(0, await db.AuditEntries.CountAsync());

        var rows = await export.StartAsync(_scope, new Audit.AuditActor("sam@example.org", ConsoleRoles.Support, null), new PatientListFilter(), "?q=al");
        var entry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, Audit.AuditActions.ExportPatientList, "sam@example.org", ConsoleRoles.Support, since);
        Assert.Equal("filter: ?q=al", entry.Details);
        var exported = new List<string>();
        await foreach (var row in rows) exported.Add(row.ClientUserId);
        Assert.Equal(["alice", "bob", "carol", "dave", "erin", "frank"], exported);
    }

    [Fact]
    public async Task Lists_only_the_organisations_patients_one_row_each_including_the_unconnected()
    {
        var page = await Page(new());

        Assert.Equal(["alice", "bob", "carol", "dave", "erin", "frank"], Ids(page));
        Assert.Equal(6, page.Total);
        Assert.Equal(ConnectionHealth.NotConnected, page.Rows.Single(r => r.ClientUserId == "erin").Health);
        Assert.Equal(["mallory"], Ids(await _store.Get<PatientListQuery>().PageAsync(_otherScope, new(), PatientSortColumn.ClientUserId, false, 0, 50)));
    }

    [Theory]
    [InlineData(ConnectionHealth.Connected, "alice")]
    [InlineData(ConnectionHealth.PasswordExpired, "bob")]
    [InlineData(ConnectionHealth.CredentialError, "carol")]
    [InlineData(ConnectionHealth.AwaitingShare, "dave")]
    [InlineData(ConnectionHealth.NotConnected, "erin")]
    [InlineData(ConnectionHealth.OtherError, "frank")]
    public async Task Filters_by_health(ConnectionHealth health, string expected)
    {
        Assert.Equal([expected], Ids(await Page(new(Health: health))));
    }

    [Fact]
    public async Task Filters_combine_and_search_matches_client_and_libreview_ids()
    {
        Assert.Equal(["dave"], Ids(await Page(new(Provider: Providers.FreeStyleLibre))));
        Assert.Equal(["frank"], Ids(await Page(new(Region: "de"))));
        Assert.Equal(["bob"], Ids(await Page(new(ErrorType: LinkErrorTypes.ProviderPasswordExpired))));
        Assert.Equal(["carol"], Ids(await Page(new(Search: "lv-car"))));
        Assert.Equal(["alice"], Ids(await Page(new(Search: "ali", Health: ConnectionHealth.Connected))));
        Assert.Empty(Ids(await Page(new(Search: "mallory"))));
        Assert.Equal(["alice"], Ids(await Page(new(Search: "ALI"))));           // the index matches case-insensitively
        Assert.Equal(["bob"], Ids(await Page(new(Search: "ob"))));              // under 3 characters: a plain scan
    }

    [Fact]
    public async Task The_search_index_follows_changes_made_by_any_write_path()
    {
        using (var scope = _store.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            var bob = db.Users.Single(u => u.ClientUserId == "bob");
            bob.ClientUserId = "robert";
            var carol = db.Connections.Single(c => c.ExternalUserId == "lv-carol");
            carol.ExternalUserId = "lv-caroline";
            db.Users.Remove(db.Users.Single(u => u.ClientUserId == "alice"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(["robert"], Ids(await Page(new(Search: "robe"))));
        Assert.Equal(["robert"], Ids(await Page(new(Search: "lv-bob"))));      // found by the LibreView id, listed under the new name
        Assert.Equal(["carol"], Ids(await Page(new(Search: "caroline"))));
        Assert.Empty(Ids(await Page(new(Search: "alice"))));
    }

    [Fact]
    public async Task Sorts_and_pages_in_the_database()
    {
        var first = await Page(new(), PatientSortColumn.ClientUserId, descending: true, page: 0, size: 4);
        var second = await Page(new(), PatientSortColumn.ClientUserId, descending: true, page: 1, size: 4);

        Assert.Equal(["frank", "erin", "dave", "carol"], Ids(first));
        Assert.Equal(["bob", "alice"], Ids(second));
        Assert.Equal(6, second.Total);
        Assert.Equal("EU", (await Page(new(), PatientSortColumn.Team)).Rows[0].TeamName);
    }

    [Fact]
    public async Task Patients_without_a_metric_sort_last_in_both_directions()
    {
        using (var scope = _store.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            foreach (var (client, tir) in new[] { ("alice", 80.0), ("bob", 40.0) })
            {
                var connection = db.Connections.Single(c => c.User!.ClientUserId == client);
                db.SyncStates.Add(new Dashboard.Core.Sync.ConnectionSyncState { ConnectionId = connection.Id, NextDueAt = DateTime.UtcNow, TimeInRange14dPercent = tir });
            }
            await db.SaveChangesAsync();
        }

        var ascending = Ids(await Page(new(), PatientSortColumn.TimeInRange));
        var descending = Ids(await Page(new(), PatientSortColumn.TimeInRange, descending: true));

        Assert.Equal(["bob", "alice"], ascending[..2]);
        Assert.Equal(["alice", "bob"], descending[..2]);
        Assert.Equal(6, descending.Length);
        Assert.True(PatientListColumns.IsMetric(PatientSortColumn.TimeInRange));
        Assert.False(PatientListColumns.IsMetric(PatientSortColumn.Team));
    }
}
