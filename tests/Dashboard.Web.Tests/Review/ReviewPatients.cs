using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Review;

/// <summary>Puts patients and their readings into a test's real store (the development organisation must be seeded).</summary>
internal static class ReviewPatients
{
    public static readonly DateTime Start = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public const string ViewerEmail = "viewer@example.org";

    /// <summary>A patient of the development organisation's first team, or of a new team of a new <paramref name="organization"/>.</summary>
    public static async Task<Guid> AddAsync(IServiceProvider services, IEnumerable<GlucoseReading> readings, NoteInput[]? notes = null, string? organization = null)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var team = organization is null ? await db.Teams.OrderBy(t => t.Name).FirstAsync() : new Team { Name = organization + " team" };
        if (organization is not null)
        {
            db.Organizations.Add(new Organization { Name = organization, Teams = [team] });
        }
        var user = new User { TeamId = team.Id, ClientUserId = "patient-" + Guid.NewGuid().ToString("N")[..6] };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await services.GetRequiredService<ReadingWriter>().WriteAsync(user.Id, null, DataSources.CsvImport,
            [.. readings.Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit))], notes ?? []);
        return user.Id;
    }

    /// <summary>mg/dL readings every <paramref name="minutes"/> for <paramref name="days"/> days from <see cref="Start"/>, cycling through <paramref name="values"/>.</summary>
    public static IEnumerable<GlucoseReading> Every(int minutes, int days, params double[] values) =>
        Enumerable.Range(0, days * 1440 / minutes)
            .Select(i => new GlucoseReading(Start.AddMinutes(i * minutes), values[i % values.Length], GlucoseUnit.MgPerDl));
}
