using Dashboard.Core.Access;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// The read model of the Glucose review page: one patient's readings and notes of a period, through the metrics
/// engine, into numbers and chart data ready to show. A patient outside the signed-in person's scope (their
/// organisation's teams, DESIGN §9) is not found (null), never a leak.
/// </summary>
public sealed class GlucoseReviewQuery(IDbContextFactory<DashboardDbContext> contexts, Dashboard.Core.Audit.AuditLog audit)
{
    /// <summary>
    /// <see cref="GetAsync"/> as a person's view of the patient's glucose (DESIGN §9): a found review is audited in
    /// <paramref name="actor"/>'s name before it is returned.
    /// </summary>
    /// <param name="viewedAs">What the person sees the glucose as, for the entry's details ("glucose review", "AGP report PDF").</param>
    public async Task<GlucoseReview?> ViewAsync(
        Guid userId, StaffScope scope, ReviewPeriod period, GlucoseUnit unit, DayRange? detail, Dashboard.Core.Audit.AuditActor actor, CancellationToken ct = default,
        string viewedAs = "glucose review") =>
        (await ViewReadingsAsync(userId, scope, period, detail, actor, ct, viewedAs))?.In(unit);

    /// <summary><see cref="ReadAsync"/> as a person's view of the patient's glucose, audited like <see cref="ViewAsync"/>.</summary>
    public async Task<ReviewReadings?> ViewReadingsAsync(
        Guid userId, StaffScope scope, ReviewPeriod period, DayRange? detail, Dashboard.Core.Audit.AuditActor actor, CancellationToken ct = default,
        string viewedAs = "glucose review")
    {
        var readings = await ReadAsync(userId, scope, period, detail, ct);
        if (readings is not null)
        {
            await audit.WriteAsync(actor, Dashboard.Core.Audit.AuditActions.ViewGlucose, readings.TeamId, readings.UserId, readings.ClientUserId,
                $"{viewedAs}, {readings.Period}", ct);
        }
        return readings;
    }

    /// <summary>The review of a period; its detail chart shows the days of <paramref name="detail"/>, or else the period's last day.</summary>
    public async Task<GlucoseReview?> GetAsync(
        Guid userId, StaffScope scope, ReviewPeriod period, GlucoseUnit unit, DayRange? detail = null, CancellationToken ct = default) =>
        (await ReadAsync(userId, scope, period, detail, ct))?.In(unit);

    /// <summary>What the review of a period is computed from, in any unit (see <see cref="ReviewReadings"/>).</summary>
    public async Task<ReviewReadings?> ReadAsync(
        Guid userId, StaffScope scope, ReviewPeriod period, DayRange? detail = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PatientAsync(db, userId, scope, ct) is not { } patient) return null;

        var readings = await PeriodReadingsAsync(db, userId, period, ct);
        var window = period.ToWindow();
        var series = GlucoseSeries.From(readings);
        var windowReadings = series.In(window);
        var metrics = GlucoseMetricsCalculator.Compute(windowReadings, window);
        var (firstDay, lastDay) = DaysOf(period, metrics);
        var events = GlucoseEvents.Find(windowReadings, window);
        var days = detail ?? DayRange.Single(lastDay ?? period.End);
        return new ReviewReadings(userId, patient.TeamId, patient.ClientUserId, patient.Region, period, series, window, metrics, firstDay, lastDay, events,
            await DetailAsync(db, userId, days, ct));
    }

    /// <summary>
    /// The review of <paramref name="period"/> beside that of <paramref name="second"/>, or by default of the same number of
    /// days just before it (<see cref="ReviewPeriod.Previous"/>); null when the patient is not found.
    /// </summary>
    public async Task<ReviewComparison?> CompareAsync(
        Guid userId, StaffScope scope, ReviewPeriod period, GlucoseUnit unit, ReviewPeriod? second = null, CancellationToken ct = default)
    {
        if (await GetAsync(userId, scope, period, unit, ct: ct) is not { } chosen) return null;
        // Without readings "last N days" has no first day; its previous period is then the N days before the chosen one's
        // end as the page shows it (none), so compare with the same days: both sides show that there is nothing.
        var other = second ?? (chosen.FirstDay is { } first ? period.Previous(first) : period);
        return await GetAsync(userId, scope, other, unit, ct: ct) is { } before ? new ReviewComparison(chosen, before) : null;
    }

    /// <summary>
    /// <see cref="CompareAsync"/> as a person's view: the second period is more of the patient's glucose than the page
    /// showed, so it is audited like a review of that period (the chosen one was audited when it was shown).
    /// </summary>
    public async Task<ReviewComparison?> ViewComparisonAsync(
        Guid userId, StaffScope scope, ReviewPeriod period, GlucoseUnit unit, ReviewPeriod? second, Dashboard.Core.Audit.AuditActor actor, CancellationToken ct = default)
    {
        var comparison = await CompareAsync(userId, scope, period, unit, second, ct);
        if (comparison is { Second: var other })
        {
            await audit.WriteAsync(actor, Dashboard.Core.Audit.AuditActions.ViewGlucose, other.TeamId, other.UserId, other.ClientUserId,
                $"comparison, {other.Period}", ct);
        }
        return comparison;
    }

    /// <summary>The detail chart of whole days [from 00:00, to 24:00): glucose line (≤ 2,000 points) and hourly markers.</summary>
    public async Task<DetailChart?> GetDetailAsync(Guid userId, StaffScope scope, DayRange days, GlucoseUnit unit, CancellationToken ct = default) =>
        (await ReadDetailAsync(userId, scope, days, ct))?.In(unit);

    /// <summary>What the detail chart of whole days is drawn from, in any unit.</summary>
    public async Task<DetailReadings?> ReadDetailAsync(Guid userId, StaffScope scope, DayRange days, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PatientAsync(db, userId, scope, ct) is null ? null : await DetailAsync(db, userId, days, ct);
    }

    private static async Task<DetailReadings> DetailAsync(DashboardDbContext db, Guid userId, DayRange days, CancellationToken ct)
    {
        var start = days.From.ToDateTime(TimeOnly.MinValue);
        var end = days.To.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var readings = GlucoseSeries.From(await ReadingsAsync(db, userId, r => r.Timestamp >= start && r.Timestamp < end, ct));
        var notes = await db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId && n.Timestamp >= start && n.Timestamp < end)
            .ToListAsync(ct);
        return new DetailReadings(days, readings, notes);
    }

    private sealed record Patient(Guid TeamId, string ClientUserId, Dashboard.Core.Teams.DeploymentRegion Region);

    private static Task<Patient?> PatientAsync(DashboardDbContext db, Guid userId, StaffScope scope, CancellationToken ct)
    {
        var teamIds = scope.TeamIds.ToList();
        return db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.Team!.OrganizationId == scope.OrganizationId && teamIds.Contains(u.TeamId))
            .Select(u => new Patient(u.TeamId, u.ClientUserId, u.Team!.DeploymentRegion))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Only the readings the period can hold: after newest − N days, or inside the chosen days.</summary>
    private static async Task<List<GlucoseReading>> PeriodReadingsAsync(DashboardDbContext db, Guid userId, ReviewPeriod period, CancellationToken ct)
    {
        if (period.IsCustom)
        {
            var start = period.Start.ToDateTime(TimeOnly.MinValue);
            var end = period.End.AddDays(1).ToDateTime(TimeOnly.MinValue);
            return await ReadingsAsync(db, userId, r => r.Timestamp >= start && r.Timestamp < end, ct);
        }

        var newest = await db.Readings.AsNoTracking()
            .Where(r => r.UserId == userId && r.Kind == ReadingKind.Automatic)
            .OrderByDescending(r => r.Timestamp)
            .Select(r => (DateTime?)r.Timestamp)
            .FirstOrDefaultAsync(ct);
        if (newest is not { } last) return [];
        var after = last.AddDays(-period.Days);
        return await ReadingsAsync(db, userId, r => r.Timestamp > after, ct);
    }

    private static Task<List<GlucoseReading>> ReadingsAsync(
        DashboardDbContext db, Guid userId, System.Linq.Expressions.Expression<Func<StoredReading, bool>> when, CancellationToken ct) =>
        db.Readings.AsNoTracking()
            .Where(r => r.UserId == userId && r.Kind == ReadingKind.Automatic)
            .Where(when)
            .OrderBy(r => r.Timestamp)
            .Select(r => new GlucoseReading(r.Timestamp, r.MeasuredValue, r.MeasuredUnit))
            .ToListAsync(ct);

    private static (DateOnly? First, DateOnly? Last) DaysOf(ReviewPeriod period, GlucoseMetrics metrics) =>
        period.IsCustom ? (period.Start, period.End)
        : metrics is { First: { } first, Last: { } last } ? (DateOnly.FromDateTime(first), DateOnly.FromDateTime(last))
        : (null, null);
}
