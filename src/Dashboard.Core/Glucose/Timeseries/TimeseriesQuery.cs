using System.Runtime.CompilerServices;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Glucose.Timeseries;

/// <summary>
/// A stored reading as the timeseries API reads it (floating local time). A struct: a 14-day answer streams about
/// 20,000 of them, and none needs to outlive its sample on the wire.
/// </summary>
public readonly record struct TimeseriesReading(DateTime Timestamp, ReadingKind Kind, double ValueMgdl, double MeasuredValue, GlucoseUnit MeasuredUnit)
{
    /// <summary>The value in <paramref name="unit"/>: as measured when the units agree, else converted and rounded as devices show it.</summary>
    public double ValueIn(GlucoseUnit unit) =>
        unit == MeasuredUnit ? MeasuredValue
        : unit == GlucoseUnit.MmolPerL ? Math.Round(GlucoseUnits.FromMgPerDl(ValueMgdl, unit), 1)
        : Math.Round(ValueMgdl);
}

/// <summary>A user's readings of one provider (or import source).</summary>
public sealed record ProviderReadings(string Provider, IReadOnlyList<TimeseriesReading> Readings);

/// <summary>Where a page of readings ends: the next page starts after this reading.</summary>
public readonly record struct ReadingPosition(DateTime Timestamp, ReadingKind Kind);

/// <summary>One page of readings, by provider; <see cref="Next"/> is null on the last page.</summary>
public sealed record GlucosePage(IReadOnlyList<ProviderReadings> Groups, ReadingPosition? Next);

/// <summary>A user's note entries of one provider (or import source).</summary>
public sealed record ProviderNotes(string Provider, IReadOnlyList<StoredNote> Entries);

/// <summary>Reads a user's stored readings and notes for a floating-time window [from, to).</summary>
public sealed class TimeseriesQuery(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<bool> IsTeamUserAsync(Guid teamId, Guid userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Id == userId && u.TeamId == teamId, ct);
    }

    /// <summary>
    /// The window's readings in time order, read as they are written out (the API streams them to the response rather
    /// than holding the whole window). The context is open while the caller enumerates, and closed when it stops.
    /// </summary>
    /// <param name="provider">Only readings synced through this provider's connection; null: every source.</param>
    public async IAsyncEnumerable<TimeseriesReading> GlucoseAsync(Guid userId, DateTime from, DateTime to, string? provider,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var readings = db.Readings.AsNoTracking().Where(r => r.UserId == userId && r.Timestamp >= from && r.Timestamp < to);
        if (provider is not null)
        {
            var connectionIds = db.Connections.Where(c => c.UserId == userId && c.Provider == provider).Select(c => (Guid?)c.Id);
            readings = readings.Where(r => connectionIds.Contains(r.ConnectionId));
        }
        var ordered = readings
            .OrderBy(r => r.Timestamp).ThenBy(r => r.Kind)
            .Select(r => new TimeseriesReading(r.Timestamp, r.Kind, r.ValueMgdl, r.MeasuredValue, r.MeasuredUnit))
            .AsAsyncEnumerable();
        await foreach (var reading in ordered.WithCancellation(ct))
        {
            yield return reading;
        }
    }

    /// <summary>
    /// At most <paramref name="limit"/> readings of the window after <paramref name="after"/>, in time order, grouped by the
    /// provider of their connection (or their import source), and where the next page starts.
    /// </summary>
    public async Task<GlucosePage> GlucosePageAsync(Guid userId, DateTime from, DateTime to, string? provider, ReadingPosition? after, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var providers = await db.Connections.AsNoTracking().Where(c => c.UserId == userId).ToDictionaryAsync(c => c.Id, c => c.Provider, ct);
        var readings = db.Readings.AsNoTracking().Where(r => r.UserId == userId && r.Timestamp >= from && r.Timestamp < to);
        if (provider is not null)
        {
            var ids = providers.Where(p => p.Value == provider).Select(p => (Guid?)p.Key).ToList();
            readings = readings.Where(r => ids.Contains(r.ConnectionId));
        }
        if (after is { } start)
        {
            readings = readings.Where(r => r.Timestamp > start.Timestamp || (r.Timestamp == start.Timestamp && r.Kind > start.Kind));
        }
        var page = await readings.OrderBy(r => r.Timestamp).ThenBy(r => r.Kind).Take(limit + 1).ToListAsync(ct);
        var next = page.Count > limit ? new ReadingPosition(page[limit - 1].Timestamp, page[limit - 1].Kind) : (ReadingPosition?)null;
        var groups = page.Take(limit)
            .GroupBy(r => r.ConnectionId is { } id && providers.TryGetValue(id, out var p) ? p : r.Source)
            .Select(g => new ProviderReadings(g.Key, g.Select(r => new TimeseriesReading(r.Timestamp, r.Kind, r.ValueMgdl, r.MeasuredValue, r.MeasuredUnit)).ToList()))
            .ToList();
        return new GlucosePage(groups, next);
    }

    /// <summary>Note entries of the given kinds, grouped by the provider of their connection (or their import source).</summary>
    public async Task<IReadOnlyList<ProviderNotes>> NotesAsync(Guid userId, DateTime from, DateTime to, IReadOnlyCollection<NoteKind> kinds, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
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
