using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Glucose;

/// <summary>A stored reading as the timeseries API reads it (floating local time).</summary>
public sealed record TimeseriesReading(DateTime Timestamp, ReadingKind Kind, double ValueMgdl, double MeasuredValue, GlucoseUnit MeasuredUnit)
{
    /// <summary>The value in <paramref name="unit"/>: as measured when the units agree, else converted and rounded as devices show it.</summary>
    public double ValueIn(GlucoseUnit unit) =>
        unit == MeasuredUnit ? MeasuredValue
        : unit == GlucoseUnit.MmolPerL ? Math.Round(GlucoseUnits.FromMgPerDl(ValueMgdl, unit), 1)
        : Math.Round(ValueMgdl);
}

/// <summary>A user's note entries of one provider (or import source).</summary>
public sealed record ProviderNotes(string Provider, IReadOnlyList<StoredNote> Entries);

/// <summary>Reads a user's stored readings and notes for a floating-time window [from, to).</summary>
public sealed class TimeseriesQuery(DashboardDbContext db)
{
    public Task<bool> IsTeamUserAsync(Guid teamId, Guid userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id == userId && u.TeamId == teamId, ct);

    /// <param name="provider">Only readings synced through this provider's connection; null: every source.</param>
    public async Task<IReadOnlyList<TimeseriesReading>> GlucoseAsync(Guid userId, DateTime from, DateTime to, string? provider, CancellationToken ct)
    {
        var readings = db.Readings.AsNoTracking().Where(r => r.UserId == userId && r.Timestamp >= from && r.Timestamp < to);
        if (provider is not null)
        {
            var connectionIds = db.Connections.Where(c => c.UserId == userId && c.Provider == provider).Select(c => (Guid?)c.Id);
            readings = readings.Where(r => connectionIds.Contains(r.ConnectionId));
        }
        return await readings
            .OrderBy(r => r.Timestamp).ThenBy(r => r.Kind)
            .Select(r => new TimeseriesReading(r.Timestamp, r.Kind, r.ValueMgdl, r.MeasuredValue, r.MeasuredUnit))
            .ToListAsync(ct);
    }

    /// <summary>Note entries of the given kinds, grouped by the provider of their connection (or their import source).</summary>
    public async Task<IReadOnlyList<ProviderNotes>> NotesAsync(Guid userId, DateTime from, DateTime to, IReadOnlyCollection<NoteKind> kinds, CancellationToken ct)
    {
        var providers = await db.Connections.AsNoTracking().Where(c => c.UserId == userId).ToDictionaryAsync(c => c.Id, c => c.Provider, ct);
        var notes = await db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId && n.Timestamp >= from && n.Timestamp < to && kinds.Contains(n.Kind))
            .OrderBy(n => n.Timestamp)
            .ToListAsync(ct);
        return notes
            .GroupBy(n => n.ConnectionId is { } id && providers.TryGetValue(id, out var p) ? p : n.Source)
            .Select(g => new ProviderNotes(g.Key, g.ToList()))
            .ToList();
    }
}
