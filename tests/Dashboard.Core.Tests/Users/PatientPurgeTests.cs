using Dashboard.Core.Events;
using Dashboard.Core.Events.Webhooks;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Tests.Glucose.Review;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Core.Tests.Glucose.Readings;

namespace Dashboard.Core.Tests.Users;

/// <summary>
/// A patient's readings, notes and events go with the patient (issue 20 item 5): the purge after the undo grace deletes
/// them with the user, in one transaction, and leaves every other patient's data alone.
/// </summary>
public sealed class PatientPurgeTests
{
    [Fact]
    public async Task Purging_a_deleted_patient_leaves_none_of_their_readings_or_notes_and_keeps_everyone_elses()
    {
        await using var store = await ReviewStore.CreateAsync();
        var purged = await store.AddPatientAsync(clientUserId: "purged");
        var kept = await store.AddPatientAsync(clientUserId: "kept");
        foreach (var patient in new[] { purged, kept })
        {
            await store.WriteAsync(patient, ReviewStore.Every(15, T("2026-11-01 00:00"), days: 2, i => 100 + i % 40),
                new NoteInput(T("2026-11-01 08:00"), NoteKind.Carbohydrates, 40, null),
                new NoteInput(T("2026-11-01 09:00"), NoteKind.Note, null, "walk"));
        }
        await using (var db = await store.Contexts.CreateDbContextAsync())
        {
            // Each patient has an event, and a webhook delivery of it is still owed.
            var endpoint = new WebhookEndpoint { TeamId = store.TeamId, Url = "https://hooks.example.org/in", ProtectedSecret = "x", CreatedAt = DateTime.UtcNow };
            db.WebhookEndpoints.Add(endpoint);
            var events = new[] { purged, kept }.Select(patient => new StoredEvent
            {
                EventType = EventTypes.DailyGlucoseCreated, TeamId = store.TeamId, UserId = patient, ClientUserId = patient == purged ? "purged" : "kept",
                DataJson = "{}", CreatedAt = DateTime.UtcNow,
            }).ToList();
            db.Events.AddRange(events);
            await db.SaveChangesAsync();
            db.WebhookDeliveries.AddRange(events.Select(e => WebhookDelivery.Queue(endpoint.Id, e.Id, DateTime.UtcNow, TimeSpan.FromDays(1))));
            await db.SaveChangesAsync();
        }

        await using (var scope = store.Services.CreateAsyncScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<PatientDirectory>();
            Assert.True(await directory.DeleteAsync(store.TeamId, purged));
            Assert.Equal(0, await directory.PurgeExpiredAsync(store.TeamId)); // within the grace, the data stays for an undo
        }
        await using (var db = await store.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(2 * 96, await db.Readings.CountAsync(r => r.UserId == purged));
            await db.Users.IgnoreQueryFilters().Where(u => u.Id == purged)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DeletedAt, DateTime.UtcNow - PatientDirectory.DeletionGrace - TimeSpan.FromMinutes(1)));
        }

        await using (var scope = store.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PatientDirectory>().PurgeExpiredAsync(store.TeamId));
        }

        await using var after = await store.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await after.Readings.CountAsync(r => r.UserId == purged));
        Assert.Equal(0, await after.Notes.CountAsync(n => n.UserId == purged));
        Assert.Equal(2 * 96, await after.Readings.CountAsync(r => r.UserId == kept));
        Assert.Equal(2, await after.Notes.CountAsync(n => n.UserId == kept));
        Assert.Equal(["kept"], await after.Events.Select(e => e.ClientUserId).ToListAsync());
        var keptEvent = await after.Events.Select(e => e.Id).SingleAsync();
        Assert.Equal([keptEvent], await after.WebhookDeliveries.Select(d => d.EventId).ToListAsync());
    }
}
