using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Patients;

/// <summary>
/// Keeps <see cref="PatientSummary"/> rows equal to what the metrics engine says about the stored readings.
/// <para><b>Consistency rule.</b> Every write of readings goes through <see cref="ReadingWriter"/>, which this class
/// wraps (<see cref="SummarizingReadingWriter"/>): the write computes the patient's rows again inside its own
/// transaction, from the readings as they are with its rows, so the rows commit with the readings or not at all and
/// never describe other readings than the committed ones. Rows that are missing while the patient has readings (data
/// from before the table existed, a patient created since) are computed on demand (<see cref="FillMissingAsync"/>)
/// when triage opens a period.</para>
/// <para><b>The window.</b> A period ends at the patient's newest automatic reading, as the review's "last N days"
/// does (DESIGN §8): (newest − N × 24 h, newest]. It depends on the readings only, never on the clock, so a row stays
/// right until the next write; only "no data for ≥ 3 days" needs the clock, and triage judges it at query time.</para>
/// </summary>
public sealed class PatientSummaries(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    private const int FillBatch = 200;

    /// <summary>The periods kept: triage's choices.</summary>
    public static IReadOnlyList<int> Periods => TriageFilter.PeriodDays;

    /// <summary>
    /// Computes the patient's rows again on <paramref name="db"/>, inside the open transaction of the write that changed
    /// their readings (which it reads, rows just written included), and replaces the old ones; saved by that write's commit.
    /// </summary>
    internal async Task RewriteOnAsync(DashboardDbContext db, Guid userId, CancellationToken ct)
    {
        var rows = await ComputeAsync(db, userId, ct);
        await db.PatientSummaries.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        db.PatientSummaries.AddRange(rows);
    }

    /// <summary>
    /// The fallback: computes and stores the rows of every patient of the scope that has no row for
    /// <paramref name="days"/> (data written before the table existed, a rewrite that did not happen, a patient created
    /// since — whose rows then say "no readings"). Returns how many patients it computed.
    /// </summary>
    /// <param name="summarised">The scope's count of rows for the period, when the caller has just counted them.</param>
    public async Task<int> FillMissingAsync(StaffScope scope, int days, CancellationToken ct = default, int? summarised = null)
    {
        var teamIds = scope.TeamIds.ToList();
        List<Guid> missing;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // A patient has at most one row per period and a deleted one none (PatientDirectory removes them), so the two
            // counts are equal exactly when no patient of the scope lacks the period's row: a new filter then pays two
            // index counts, not a search for the missing across every patient (200 ms at 100,000 patients on SQLite).
            var patients = db.Users.AsNoTracking().Where(u => teamIds.Contains(u.TeamId));
            summarised ??= await db.PatientSummaries.CountAsync(s => s.Days == days && teamIds.Contains(s.TeamId), ct);
            if (summarised >= await patients.CountAsync(ct)) return 0;
            missing = await patients
                .Where(u => !db.PatientSummaries.Any(s => s.UserId == u.Id && s.Days == days))
                .Select(u => u.Id)
                .ToListAsync(ct);
        }

        // In batches, one transaction each: after an upgrade every patient of a large clinic is missing at once.
        foreach (var batch in missing.Chunk(FillBatch))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var rows = new List<PatientSummary>();
            foreach (var userId in batch) rows.AddRange(await ComputeAsync(db, userId, ct));
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.PatientSummaries.Where(s => batch.Contains(s.UserId)).ExecuteDeleteAsync(ct);
            db.PatientSummaries.AddRange(rows);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return missing.Count;
    }

    private async Task<List<PatientSummary>> ComputeAsync(DashboardDbContext db, Guid userId, CancellationToken ct)
    {
        var patient = await db.Users.Where(u => u.Id == userId).Select(u => new { u.TeamId, u.ClientUserId }).FirstOrDefaultAsync(ct);
        if (patient is null) return [];
        var (team, clientUserId) = (patient.TeamId, patient.ClientUserId);

        var automatic = db.Readings.AsNoTracking().Where(r => r.UserId == userId && r.Kind == ReadingKind.Automatic);
        var newest = await automatic.OrderByDescending(r => r.Timestamp).Select(r => (DateTime?)r.Timestamp).FirstOrDefaultAsync(ct);
        if (newest is not { } last) return [.. Periods.Select(days => From(userId, team, clientUserId, days, GlucoseSeries.Empty, null, time.GetUtcNow().UtcDateTime))];

        // One read covers every period and its previous one: (newest − 2 × longest, newest].
        var after = last.AddDays(-2 * Periods.Max());
        var readings = await automatic.Where(r => r.Timestamp > after).OrderBy(r => r.Timestamp)
            .Select(r => new GlucoseReading(r.Timestamp, r.MeasuredValue, r.MeasuredUnit)).ToListAsync(ct);
        var series = GlucoseSeries.From(readings);
        var now = time.GetUtcNow().UtcDateTime;
        return [.. Periods.Select(days => From(userId, team, clientUserId, days, series, last, now))];
    }

    /// <summary>
    /// One period's row. The previous period (newest − 2N days, newest − N days]: only its time in range is compared,
    /// which depends on the readings and their spacing alone, so the engine's whole-series rule gives it.
    /// </summary>
    /// <param name="newest">The patient's newest automatic reading; null without readings (the row of the empty metrics).</param>
    internal static PatientSummary From(Guid userId, Guid teamId, string clientUserId, int days, GlucoseSeries series, DateTime? newest, DateTime computedAt)
    {
        var metrics = GlucoseMetricsCalculator.Compute(series, MetricsWindow.LastDays(days));
        double? previousInRange = null;
        if (newest is { } last)
        {
            var split = last.AddDays(-days);
            var from = last.AddDays(-2 * days);
            var previous = series.Readings.ToArray().Where(r => r.Timestamp > from && r.Timestamp <= split).ToArray();
            previousInRange = previous.Length == 0 ? null : GlucoseMetricsCalculator.Compute(previous, MetricsWindow.WholeSeries).TimeInRangePercent;
        }

        var figures = new TriageFigures(metrics, previousInRange, newest, Connections.ConnectionHealth.NotConnected, null);
        // The clock-free flags; the clock only decides "no data for ≥ 3 days", which the row does not keep.
        var flags = TriageRules.FlagsOf(figures, newest ?? computedAt);
        return new PatientSummary
        {
            UserId = userId,
            TeamId = teamId,
            ClientUserId = clientUserId,
            Days = days,
            Readings = metrics.Readings,
            First = metrics.First,
            Last = metrics.Last,
            MeanMgdl = metrics.MeanMgdl,
            SdMgdl = metrics.SdMgdl,
            CvPercent = metrics.CvPercent,
            GmiPercent = metrics.GmiPercent,
            ActivePercent = metrics.ActivePercent,
            TimeVeryLowPercent = metrics.TimeVeryLowPercent,
            TimeLowPercent = metrics.TimeLowPercent,
            TimeInRangePercent = metrics.TimeInRangePercent,
            TimeTightRangePercent = metrics.TimeTightRangePercent,
            TimeHighPercent = metrics.TimeHighPercent,
            TimeVeryHighPercent = metrics.TimeVeryHighPercent,
            Gri = metrics.Gri,
            GriZone = metrics.GriZone,
            Dt0Minutes = metrics.Dt0Minutes,
            PreviousInRangePercent = previousInRange,
            InRangeChange = figures.InRangeChange,
            UrgencyGri = metrics.Gri ?? 0,
            VeryLowOver1 = flags.Contains(TriageFlag.VeryLowOver1),
            LowOver4 = flags.Contains(TriageFlag.LowOver4),
            InRangeUnder70 = flags.Contains(TriageFlag.InRangeUnder70),
            InRangeDropped15 = flags.Contains(TriageFlag.InRangeDropped15),
            ActiveUnder70 = flags.Contains(TriageFlag.ActiveUnder70),
            GriZoneDOrE = flags.Contains(TriageFlag.GriZoneDOrE),
            MeetingTargets = flags.Contains(TriageFlag.MeetingTargets),
            ComputedAt = computedAt,
        };
    }
}

/// <summary>
/// The engine's <see cref="ReadingWriter"/> with the summaries kept current around it (the rule on
/// <see cref="PatientSummaries"/>): the one place every store of readings — the sync, the CSV/CLI import, the demo
/// seeding — passes through.
/// </summary>
internal sealed class SummarizingReadingWriter(ReadingWriter engine, PatientSummaries summaries) : ReadingWriter
{
    public override Task<WriteSummary> WriteAsync(
        Guid userId, Guid? connectionId, string source,
        IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes, CancellationToken ct = default,
        WriteAlongside? alongside = null) =>
        engine.WriteAsync(userId, connectionId, source, readings, notes, ct, readings.Count == 0 ? alongside : WithSummaries(userId, alongside));

    public override StreamedWrite Begin(Guid userId, Guid? connectionId, string source, CancellationToken ct = default) =>
        new SummarizedWrite(engine.Begin(userId, connectionId, source, ct), this, userId);

    /// <summary>
    /// One commit for the readings and their new summaries: a second transaction cost another fsync and another turn
    /// at the store's single write lock per sync (issue 19).
    /// </summary>
    private WriteAlongside WithSummaries(Guid userId, WriteAlongside? alongside) => async (db, token) =>
    {
        await summaries.RewriteOnAsync(db, userId, token);
        if (alongside is not null) await alongside(db, token);
    };

    private sealed class SummarizedWrite(StreamedWrite rows, SummarizingReadingWriter writer, Guid userId) : StreamedWrite
    {
        protected override void Store(IReadOnlyList<ReadingInput> readings, IReadOnlyList<NoteInput> notes) => rows.Add(readings, notes);

        public override Task<WriteSummary> CommitAsync(WriteAlongside? alongside = null, CancellationToken ct = default) =>
            rows.CommitAsync(HasReadings ? writer.WithSummaries(userId, alongside) : alongside, ct);

        public override ValueTask DisposeAsync() => rows.DisposeAsync();
    }
}
