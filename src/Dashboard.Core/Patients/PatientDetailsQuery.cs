using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Patients;

public sealed record PatientEvent(long Id, string EventType, DateTime CreatedAt, string DataJson);

public sealed record PatientConnectionDetails(ConnectionView Connection, ConnectionHealth Health, string? PracticeToShareWith);

public sealed record PatientDetails(
    Guid UserId,
    string ClientUserId,
    Guid TeamId,
    string TeamName,
    DateTime CreatedAt,
    IReadOnlyList<PatientConnectionDetails> Connections,
    IReadOnlyList<PatientEvent> Events,
    int Readings,
    DateTime? LastReading);

/// <summary>Everything the patient page shows; null when the patient is outside the person's scope (a 404, never a leak).</summary>
public sealed class PatientDetailsQuery(IDbContextFactory<DashboardDbContext> contexts, Dashboard.Core.Audit.AuditLog audit)
{
    public const int EventsShown = 50;

    /// <summary><see cref="GetAsync"/> as a person's view of the patient (DESIGN §9): a found patient is audited in <paramref name="actor"/>'s name.</summary>
    public async Task<PatientDetails?> ViewAsync(StaffScope scope, Guid userId, Dashboard.Core.Audit.AuditActor actor, CancellationToken ct = default)
    {
        var details = await GetAsync(scope, userId, ct);
        if (details is not null)
        {
            await audit.WriteAsync(actor, Dashboard.Core.Audit.AuditActions.ViewPatient, details.TeamId, details.UserId, details.ClientUserId, ct: ct);
        }
        return details;
    }

    public async Task<PatientDetails?> GetAsync(StaffScope scope, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && teamIds.Contains(u.TeamId))
            .Select(u => new { u.Id, u.ClientUserId, u.TeamId, TeamName = u.Team!.Name, u.CreatedAt })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var connections = await ConnectionDirectory.ForUserAsync(db, user.TeamId, user.Id, ct) ?? [];
        var events = await db.Events.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.Id)
            .Take(EventsShown)
            .Select(e => new PatientEvent(e.Id, e.EventType, e.CreatedAt, e.DataJson))
            .ToListAsync(ct);
        var readings = db.Readings.Where(r => r.UserId == userId);
        var count = await readings.CountAsync(ct);
        var last = count == 0 ? (DateTime?)null : await readings.MaxAsync(r => r.Timestamp, ct);
        return new PatientDetails(user.Id, user.ClientUserId, user.TeamId, user.TeamName, user.CreatedAt,
            connections.Select(c => new PatientConnectionDetails(c, ConnectionHealthRules.Classify(c.Status, c.ErrorType), c.PracticeId)).ToList(),
            events, count, last);
    }
}
