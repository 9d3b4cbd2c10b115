using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Dashboard.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Demo;

public enum DemoOutcome
{
    Connected,
    NoSuchUser,
    NotSandbox,
    AlreadyConnected,
}

/// <summary>
/// Junction's demo connection (<c>POST /v2/link/connect/demo</c>) for <c>freestyle_libre</c>: a connected connection of a
/// sandbox team's user with <see cref="Days"/> days of generated CGM data, so a customer can build against the API and
/// webhooks before any patient shares. The data is made here, not fetched: the sync never touches a demo connection.
/// </summary>
public sealed class DemoConnections(IDbContextFactory<DashboardDbContext> contexts, ReadingWriter readings, EventRecorder events, EventPayloads payloads, TimeProvider time)
{
    public const int Days = 14;

    /// <summary>The practice a demo connection names: no LibreView practice, and the sync's sign that there is nothing to fetch.</summary>
    public const string PracticeId = "junction-demo";

    public const string Source = "demo";

    public async Task<DemoOutcome> ConnectAsync(Guid teamId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == teamId, ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.TeamId == teamId, ct);
        if (user is null) return DemoOutcome.NoSuchUser;
        if (team.Environment != TeamEnvironment.Sandbox) return DemoOutcome.NotSandbox;
        if (await db.Connections.AnyAsync(c => c.UserId == userId && c.Provider == Providers.FreeStyleLibre, ct)) return DemoOutcome.AlreadyConnected;

        var now = time.GetUtcNow().UtcDateTime;
        var connection = new Connection
        {
            UserId = userId, Provider = Providers.FreeStyleLibre, Status = ConnectionStatus.Connected, CreatedAt = now,
            PracticeId = PracticeId, ExternalUserId = $"demo-{userId:N}@demo.invalid",
            Region = team.DeploymentRegion == DeploymentRegion.Eu ? "eu" : "us",
        };
        db.Connections.Add(connection);
        var start = now.Date.AddDays(-Days);
        var pull = new HistoricalPull
        {
            ConnectionId = connection.Id, RangeStart = start, RangeEnd = now, Checkpoint = now, DaysAsked = Days, DaysDone = Days,
            GlucoseDaysWithData = Days, NoteDaysWithData = 0, CarbohydratesDaysWithData = Days, InsulinDaysWithData = Days, ScheduledAt = now,
        };
        pull.MoveTo(PullStatus.Scheduled, now);
        pull.MoveTo(PullStatus.InProgress, now);
        pull.MoveTo(PullStatus.Success, now);
        db.HistoricalPulls.Add(pull);
        // A state keeps the sync's adoption from scheduling the connection; the sync skips demo connections anyway.
        db.SyncStates.Add(new ConnectionSyncState { ConnectionId = connection.Id, NextDueAt = now.AddYears(100), LastSuccessAt = now });
        events.Record(db, EventTypes.ConnectionCreated, teamId, userId, user.ClientUserId,
            payloads.ConnectionCreated(userId, connection.Provider, connection.ExternalUserId));
        await db.SaveChangesAsync(ct);

        var (glucose, notes) = Generate(userId, start, now);
        await readings.WriteAsync(userId, connection.Id, Source, glucose, notes, ct);
        foreach (var resource in EventPayloads.Resources)
        {
            events.Record(db, SyncEvents.HistoricalType(resource), teamId, userId, user.ClientUserId,
                EventPayloads.HistoricalPullCompleted(userId, connection.Provider, start, now));
        }
        await db.SaveChangesAsync(ct);
        return DemoOutcome.Connected;
    }

    /// <summary>
    /// A plausible Libre 2 day, the same for the same user: a reading every 15 minutes (floating time, DESIGN §7), a
    /// gentle daily rhythm with rises after three meals, a scan now and then, carbohydrates and rapid insulin at meals,
    /// long-acting insulin at night.
    /// </summary>
    internal static (List<ReadingInput> Glucose, List<NoteInput> Notes) Generate(Guid userId, DateTime from, DateTime to)
    {
        var random = new Random(userId.GetHashCode());
        int[] meals = [8, 13, 19];
        var glucose = new List<ReadingInput>();
        for (var at = from; at < to; at = at.AddMinutes(15))
        {
            var hour = at.TimeOfDay.TotalHours;
            var mgdl = 115 + 20 * Math.Sin((hour - 4) / 24 * 2 * Math.PI)
                       + meals.Sum(m => hour >= m && hour < m + 3 ? 55 * Math.Sin((hour - m) / 3 * Math.PI) : 0)
                       + random.NextDouble() * 12 - 6;
            glucose.Add(new ReadingInput(at, ReadingKind.Automatic, Math.Round(mgdl), GlucoseUnit.MgPerDl));
            if (random.Next(12) == 0)
            {
                glucose.Add(new ReadingInput(at.AddMinutes(7), ReadingKind.ManualScan, Math.Round(mgdl + random.Next(-4, 5)), GlucoseUnit.MgPerDl));
            }
        }
        var notes = new List<NoteInput>();
        for (var day = from.Date; day < to; day = day.AddDays(1))
        {
            foreach (var meal in meals)
            {
                var at = day.AddHours(meal).AddMinutes(random.Next(0, 30));
                if (at >= to) continue;
                notes.Add(new NoteInput(at, NoteKind.Carbohydrates, 30 + random.Next(0, 40), null));
                notes.Add(new NoteInput(at.AddMinutes(-5), NoteKind.RapidActingInsulin, 3 + random.Next(0, 5), null));
            }
            if (day.AddHours(22) < to)
            {
                notes.Add(new NoteInput(day.AddHours(22), NoteKind.LongActingInsulin, 14, null));
            }
        }
        return (glucose, notes);
    }
}
