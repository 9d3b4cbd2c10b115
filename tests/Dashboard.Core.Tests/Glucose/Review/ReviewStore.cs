using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Glucose.Review;

/// <summary>A <see cref="CoreStore"/> with one organisation and one team, and helpers to add patients and their data.</summary>
internal sealed class ReviewStore : IAsyncDisposable
{
    private readonly CoreStore _store;

    private ReviewStore(CoreStore store) => _store = store;

    public Guid OrganizationId { get; private set; }
    public Guid TeamId { get; private set; }
    public StaffScope Scope => new(OrganizationId, "Review Clinic", [TeamId]);

    public static async Task<ReviewStore> CreateAsync()
    {
        var store = new ReviewStore(await CoreStore.CreateAsync());
        (store.OrganizationId, store.TeamId) = await store.AddOrganizationAsync("Review Clinic");
        return store;
    }

    public GlucoseReviewQuery Query => _store.Get<GlucoseReviewQuery>();

    public Dashboard.Core.Triage.TriageQuery Triage => _store.Get<Dashboard.Core.Triage.TriageQuery>();

    public async Task<(Guid Organization, Guid Team)> AddOrganizationAsync(string name)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var team = new Team { Name = name + " team" };
        var organization = new Organization { Name = name, Teams = [team] };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return (organization.Id, team.Id);
    }

    public async Task<Guid> AddPatientAsync(Guid? teamId = null, string clientUserId = "patient-1")
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var user = new User { TeamId = teamId ?? TeamId, ClientUserId = clientUserId };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public Task WriteAsync(Guid userId, IEnumerable<GlucoseReading> readings, params NoteInput[] notes) =>
        _store.Get<ReadingWriter>().WriteAsync(userId, null, DataSources.CsvImport,
            [.. readings.Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit))], notes);

    /// <summary>Readings every <paramref name="minutes"/> from <paramref name="start"/> for <paramref name="days"/> days, values from <paramref name="value"/>.</summary>
    public static IEnumerable<GlucoseReading> Every(int minutes, DateTime start, int days, Func<int, double> value)
    {
        var count = days * 24 * 60 / minutes;
        for (var i = 0; i < count; i++) yield return new GlucoseReading(start.AddMinutes(i * minutes), value(i), GlucoseUnit.MgPerDl);
    }

    /// <summary>The domain services, for tests that need a scoped one.</summary>
    public IServiceProvider Services => _store.Services;

    public IDbContextFactory<DashboardDbContext> Contexts => _store.Get<IDbContextFactory<DashboardDbContext>>();

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
