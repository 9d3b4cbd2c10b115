using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Organizations;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;
using Dashboard.Core.Users;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Patients;

/// <summary>Staff-kept display names, dates of birth and tags: the rules, the role and scope checks, the audit entries, and the list's search and tag filter.</summary>
public sealed class PatientProfilesTests : IAsyncLifetime
{
    private static readonly AuditActor SupportActor = new("sam@example.org", ConsoleRoles.Support, null);
    private static readonly AuditActor ViewerActor = new("vic@example.org", ConsoleRoles.Viewer, null);

    private CoreStore _store = null!;
    private StaffScope _scope = null!;
    private Guid _alice;
    private Guid _bob;
    private Guid _mallory;

    public async Task InitializeAsync()
    {
        _store = await CoreStore.CreateAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var clinic = new Team { Name = "Clinic", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
        var other = new Team { Name = "Other", Environment = TeamEnvironment.Sandbox, DeploymentRegion = DeploymentRegion.Us, CreatedAt = now };
        var organization = new Organization { Name = "Org", Plan = Plan.Scale, CreatedAt = now, Teams = [clinic] };
        db.Organizations.Add(organization);
        db.Organizations.Add(new Organization { Name = "Other org", Plan = Plan.Launch, CreatedAt = now, Teams = [other] });
        var alice = new User { TeamId = clinic.Id, ClientUserId = "p-0001", CreatedAt = now };
        var bob = new User { TeamId = clinic.Id, ClientUserId = "p-0002", CreatedAt = now };
        var mallory = new User { TeamId = other.Id, ClientUserId = "p-0003", CreatedAt = now };
        db.Users.AddRange(alice, bob, mallory);
        await db.SaveChangesAsync();
        (_alice, _bob, _mallory) = (alice.Id, bob.Id, mallory.Id);
        _scope = new StaffScope(organization.Id, "Org", [clinic.Id]);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private IDbContextFactory<DashboardDbContext> Contexts => _store.Get<IDbContextFactory<DashboardDbContext>>();

    private PatientProfiles Profiles => _store.Get<PatientProfiles>();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(int Profiles, int Tags, int Entries)> StoredAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return (await db.PatientProfiles.CountAsync(), await db.PatientTags.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Name_and_date_of_birth_are_stored_trimmed_audited_once_and_cleared_again()
    {
        var since = AuditAssert.Now();

        var set = await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _alice, "  Alice Example  ", new DateOnly(1984, 3, 27));

        Assert.True(set.Succeeded, set.Refusal);
        var read = await Profiles.GetAsync(_scope, _alice);
        Assert.NotNull(read);
        Assert.Equal(("Alice Example", new DateOnly(1984, 3, 27), PatientProfileSources.Staff), (read.DisplayName, read.DateOfBirth, read.Source));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var entry = await AuditAssert.SingleAsync(db, AuditActions.ChangePatientProfile, SupportActor.Name, ConsoleRoles.Support, since);
            Assert.Equal((_alice, "p-0001"), (entry.UserId!.Value, entry.ClientUserId));
            Assert.Equal("changed: display_name,date_of_birth", entry.Details);
            Assert.DoesNotContain("Alice", entry.Details);
        }

        // The same values again change nothing and add no entry; empty values clear both.
        Assert.True((await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _alice, "Alice Example", new DateOnly(1984, 3, 27))).Succeeded);
        var cleared = await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _alice, "   ", null);

        Assert.True(cleared.Succeeded, cleared.Refusal);
        Assert.Equal((null, null), (cleared.Profile!.DisplayName, cleared.Profile.DateOfBirth));
        await using var after = await Contexts.CreateDbContextAsync();
        Assert.Equal(2, await after.AuditEntries.CountAsync(e => e.Action == AuditActions.ChangePatientProfile));
    }

    [Theory]
    [InlineData(201, 0, "at most 200 characters")]
    [InlineData(5, 1, "in the future")]
    [InlineData(5, -1, "before 1900-01-01")]
    public async Task A_bad_name_or_date_of_birth_is_refused_with_its_reason_and_nothing_is_stored(int nameLength, int birth, string reason)
    {
        var dateOfBirth = birth switch { 1 => Today.AddDays(2), -1 => new DateOnly(1899, 12, 31), _ => new DateOnly(1990, 1, 1) };

        var change = await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _alice, new string('n', nameLength), dateOfBirth);

        Assert.False(change.Succeeded);
        Assert.Contains(reason, change.Refusal);
        Assert.Null(change.Profile);
        Assert.Equal((0, 0, 0), await StoredAsync());
    }

    [Theory]
    [InlineData("27.03.1984")]
    [InlineData("1984-02-30")]
    public async Task A_date_of_birth_typed_in_another_form_is_refused_and_a_typed_one_is_stored(string typed)
    {
        var refused = await Profiles.SetFromFormAsync(_scope, SupportActor, _alice, "Alice", typed);
        Assert.Contains("yyyy-MM-dd", refused.Refusal);
        Assert.Equal((0, 0, 0), await StoredAsync());

        var stored = await Profiles.SetFromFormAsync(_scope, SupportActor, _alice, "Alice", " 1984-03-27 ");
        Assert.Equal(new DateOnly(1984, 3, 27), stored.Profile!.DateOfBirth);
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => Profiles.SetFromFormAsync(_scope, ViewerActor, _alice, "Alice", "nonsense"));
    }

    [Fact]
    public async Task The_longest_name_and_the_earliest_birth_date_are_accepted()
    {
        var change = await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _alice, new string('n', PatientProfileRules.MaxNameLength), PatientProfileRules.EarliestBirth);

        Assert.True(change.Succeeded, change.Refusal);
        Assert.Equal(PatientProfileRules.EarliestBirth, change.Profile!.DateOfBirth);
    }

    [Fact]
    public async Task Tags_are_lower_cased_trimmed_unique_per_patient_and_each_add_and_remove_is_audited()
    {
        var since = AuditAssert.Now();

        var added = await Profiles.AddTagAsync(_scope, SupportActor, _alice, "  Pump-Start ");
        var again = await Profiles.AddTagAsync(_scope, SupportActor, _alice, "PUMP-START");
        var second = await Profiles.AddTagAsync(_scope, SupportActor, _alice, "pregnancy");
        var bad = await Profiles.AddTagAsync(_scope, SupportActor, _alice, "no spaces allowed");

        Assert.True(added.Succeeded, added.Refusal);
        Assert.Equal(["pump-start"], added.Profile!.Tags);
        Assert.Contains("already has the tag \"pump-start\"", again.Refusal);
        Assert.Equal(["pregnancy", "pump-start"], second.Profile!.Tags);
        Assert.Contains("letters, digits or dashes", bad.Refusal);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            Assert.Equal(2, await db.PatientTags.CountAsync(t => t.UserId == _alice));
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AddPatientTag));
            var entry = await AuditAssert.SingleAsync(db, AuditActions.AddPatientTag, SupportActor.Name, ConsoleRoles.Support, since, e => e.Details == "tag=pump-start");
            Assert.Equal(_alice, entry.UserId);
        }

        var removed = await Profiles.RemoveTagAsync(_scope, SupportActor, _alice, "Pump-Start");
        var removedAgain = await Profiles.RemoveTagAsync(_scope, SupportActor, _alice, "pump-start");

        Assert.True(removed.Succeeded, removed.Refusal);
        Assert.Equal(["pregnancy"], removed.Profile!.Tags);
        Assert.Contains("has no tag", removedAgain.Refusal);
        await using var after = await Contexts.CreateDbContextAsync();
        var removal = await AuditAssert.SingleAsync(after, AuditActions.RemovePatientTag, SupportActor.Name, ConsoleRoles.Support, since);
        Assert.Equal("tag=pump-start", removal.Details);
    }

    [Fact]
    public async Task A_viewer_is_refused_every_change_and_nothing_is_stored_or_audited()
    {
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => Profiles.SetNameAndBirthAsync(_scope, ViewerActor, _alice, "Alice", null));
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => Profiles.AddTagAsync(_scope, ViewerActor, _alice, "pump-start"));
        await Assert.ThrowsAsync<ConsoleAccessDeniedException>(() => Profiles.RemoveTagAsync(_scope, ViewerActor, _alice, "pump-start"));

        Assert.Equal((0, 0, 0), await StoredAsync());
        // Reading stays open to every role.
        Assert.NotNull(await Profiles.GetAsync(_scope, _alice));
    }

    [Fact]
    public async Task A_patient_of_another_organisation_is_neither_shown_nor_changed()
    {
        var name = await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _mallory, "Mallory", null);
        var tag = await Profiles.AddTagAsync(_scope, SupportActor, _mallory, "vip");

        Assert.Equal(PatientProfiles.OutsideScope, name.Refusal);
        Assert.Equal(PatientProfiles.OutsideScope, tag.Refusal);
        Assert.Null(await Profiles.GetAsync(_scope, _mallory));
        Assert.Equal((0, 0, 0), await StoredAsync());
    }

    [Fact]
    public async Task The_patient_list_finds_a_display_name_in_any_case_and_shows_it_and_filters_by_tag()
    {
        await Profiles.SetNameAndBirthAsync(_scope, SupportActor, _alice, "Alice Émile Example", null);
        await Profiles.AddTagAsync(_scope, SupportActor, _bob, "pump-start");
        var list = _store.Get<PatientListQuery>();
        Task<PatientListPage> Page(PatientListFilter filter) => list.PageAsync(_scope, filter, PatientSortColumn.ClientUserId, false, 0, 50);

        var byCase = await Page(new PatientListFilter(Search: "EXAMPLE"));
        var asTyped = await Page(new PatientListFilter(Search: "Émile"));
        var byShortText = await Page(new PatientListFilter(Search: "ic"));
        var byId = await Page(new PatientListFilter(Search: "0002"));
        var byTag = await Page(new PatientListFilter(Tag: "Pump-Start"));
        var byUnusedTag = await Page(new PatientListFilter(Tag: "pregnancy"));

        Assert.Equal(["p-0001"], byCase.Rows.Select(r => r.ClientUserId));
        Assert.Equal("Alice Émile Example", byCase.Rows[0].DisplayName);
        Assert.Equal(["p-0001"], asTyped.Rows.Select(r => r.ClientUserId));
        Assert.Equal(["p-0001"], byShortText.Rows.Select(r => r.ClientUserId));
        Assert.Equal(["p-0002"], byId.Rows.Select(r => r.ClientUserId));
        Assert.Null(byId.Rows[0].DisplayName);
        Assert.Equal(["p-0002"], byTag.Rows.Select(r => r.ClientUserId));
        Assert.Empty(byUnusedTag.Rows);
    }

    [Fact]
    public async Task The_tags_in_use_are_those_of_the_scope_s_patients_only()
    {
        await Profiles.AddTagAsync(_scope, SupportActor, _alice, "pump-start");
        await Profiles.AddTagAsync(_scope, SupportActor, _bob, "pump-start");
        await Profiles.AddTagAsync(_scope, SupportActor, _bob, "pregnancy");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.PatientTags.Add(new PatientTag { UserId = _mallory, Tag = "elsewhere", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(["pregnancy", "pump-start"], await Profiles.TagsInUseAsync(_scope));
    }
}
