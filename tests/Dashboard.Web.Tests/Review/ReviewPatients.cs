using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Review;

/// <summary>Puts patients and their readings into a test's real store (the development organisation must be seeded).</summary>
internal static class ReviewPatients
{
    public static readonly DateTime Start = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static async Task<Guid> AddAsync(IServiceProvider services, IEnumerable<GlucoseReading> readings, params NoteInput[] notes)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var team = await db.Teams.OrderBy(t => t.Name).FirstAsync();
        var user = new User { TeamId = team.Id, ClientUserId = "patient-" + Guid.NewGuid().ToString("N")[..6] };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await services.GetRequiredService<ReadingWriter>().WriteAsync(user.Id, null, DataSources.CsvImport,
            [.. readings.Select(r => new ReadingInput(r.Timestamp, ReadingKind.Automatic, r.Value, r.Unit))], notes);
        return user.Id;
    }

    /// <summary>mg/dL readings every <paramref name="minutes"/> for <paramref name="days"/> days from <see cref="Start"/>, cycling through <paramref name="values"/>.</summary>
    public static IEnumerable<GlucoseReading> Every(int minutes, int days, params double[] values) =>
        Enumerable.Range(0, days * 1440 / minutes)
            .Select(i => new GlucoseReading(Start.AddMinutes(i * minutes), values[i % values.Length], GlucoseUnit.MgPerDl));
}
