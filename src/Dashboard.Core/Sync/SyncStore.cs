using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.EntityFrameworkCore;
using LibreNote = LibreView.Client.NoteEntry;
using LibreNoteKind = LibreView.Client.NoteKind;
using LibreViewError = LibreView.Client.LibreViewError;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Sync;

/// <summary>How many days of a written window had data for each resource (they count toward <c>days_with_data</c>).</summary>
internal sealed record WrittenWindow(int GlucoseDays, int NoteDays, int CarbohydrateDays, int InsulinDays, IReadOnlyList<DateOnly> NewReadingDays);

/// <summary>Writes fetched history through the fast, idempotent path and keeps the connection's summary columns current.</summary>
internal sealed class SyncStore(ReadingWriter writer)
{
    /// <summary>The patient list's period: its time in range and % active are of the last 14 days.</summary>
    private const int ListDays = 14;

    /// <summary>
    /// Fetches one window through <paramref name="reader"/> and stores its days as the report is parsed (issue 12: on
    /// two cores the store of a 90-day report overlaps its parse); a fetch that fails stores nothing of the window.
    /// </summary>
    public async Task<(WrittenWindow? Written, LibreViewError? Error)> FetchAndWriteAsync(
        SyncWork work, LibreViewReader reader, DateTime from, DateTime to, DateTime now, CancellationToken ct)
    {
        try
        {
            await using var rows = writer.Begin(work.Connection.UserId, work.Connection.Id, DataSources.LibreView, ct);
            var (window, error) = await reader.FetchAsync(from, to, now, day => LibreViewRows.AddTo(rows, day), ct);
            if (window is null) return (null, error);
            var stored = await rows.CommitAsync(ct: ct);
            return (Recorded(work, window, stored), null);
        }
        finally
        {
            await reader.KeepSessionAsync(); // after the rows are committed or dropped (LibreViewReader.KeepSessionAsync)
        }
    }

    /// <summary>
    /// Moves the connection's newest reading on and counts the window's days with data per resource. The write's own
    /// summary gives the readings' days and the newest reading (every reading of the window, scans included), so they
    /// are not counted again here.
    /// </summary>
    private static WrittenWindow Recorded(SyncWork work, FetchedWindow window, WriteSummary stored)
    {
        var state = work.State;
        var previous = state.LastReadingAt;
        var newDays = window.Glucose
            .Where(r => previous is null || r.Timestamp > previous)
            .Select(r => DateOnly.FromDateTime(r.Timestamp)).Distinct().Order().ToList();
        if (stored.LastReading is { } newest && (previous is null || newest > previous))
        {
            state.LastReadingAt = newest;
            // The report has floating times only (reference §7); the device's offset, when LibreView gives it, makes the instant.
            state.LastReadingUtc = DateTime.SpecifyKind(newest.AddMinutes(-(window.TimeOffsetMinutes ?? 0)), DateTimeKind.Utc);
        }
        int DaysOf(Func<LibreNote, bool> kind) => window.Notes.Where(kind).Select(n => DateOnly.FromDateTime(n.Timestamp)).Distinct().Count();
        return new WrittenWindow(
            stored.DaysTouched.Count,
            DaysOf(n => n.Kind == LibreNoteKind.Note),
            DaysOf(n => n.Kind == LibreNoteKind.Food),
            DaysOf(n => n.Kind is LibreNoteKind.RapidInsulin or LibreNoteKind.LongInsulin),
            newDays);
    }

    /// <summary>
    /// The patient list's 14-day time in range and % active (DESIGN §8, the metrics engine): the patient's 14-day triage
    /// summary, which the write just committed with the readings (the same engine on the same window, the review's), so a
    /// sync does not read the readings a second time; computed from the readings only when that row is missing.
    /// </summary>
    public static async Task RefreshSummaryAsync(SyncWork work, CancellationToken ct)
    {
        if (work.State.LastReadingAt is not { } last) return;
        var userId = work.Connection.UserId;
        var summary = await work.Db.PatientSummaries.AsNoTracking()
            .Where(s => s.UserId == userId && s.Days == ListDays)
            .Select(s => new { s.TimeInRangePercent, s.ActivePercent })
            .FirstOrDefaultAsync(ct);
        if (summary is not null)
        {
            work.State.TimeInRange14dPercent = summary.TimeInRangePercent;
            work.State.ActivePercent14d = summary.ActivePercent;
            return;
        }
        var since = last.AddDays(-ListDays);
        var readings = await work.Db.Readings.AsNoTracking()
            .Where(r => r.UserId == userId && r.Kind == ReadingKind.Automatic && r.Timestamp > since)
            .OrderBy(r => r.Timestamp)
            .Select(r => new { r.Timestamp, r.MeasuredValue, r.MeasuredUnit })
            .ToListAsync(ct);
        var series = GlucoseSeries.From(readings.Select(r => new Glucose.GlucoseReading(r.Timestamp, r.MeasuredValue, r.MeasuredUnit)));
        var metrics = GlucoseMetricsCalculator.Compute(series, MetricsWindow.LastDays(ListDays));
        work.State.TimeInRange14dPercent = metrics.TimeInRangePercent;
        work.State.ActivePercent14d = metrics.ActivePercent;
    }
}
