using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Triage;

/// <summary>What the triage shows: the period (last 7, 14 or 30 days), the flags every row must carry, the order.</summary>
public sealed record TriageFilter(int Days, IReadOnlySet<TriageFlag> Flags, TriageSort Sort)
{
    public static IReadOnlyList<int> PeriodDays { get; } = [7, 14, 30];

    public static TriageFilter Default { get; } = new(ReviewPeriod.DefaultDays, new HashSet<TriageFlag>(), TriageSort.Urgency);

    /// <summary>From the page's URL: <c>?days=14&amp;flags=low,tir&amp;sort=gri</c>; unknown words are ignored, a bad period is the default.</summary>
    public static TriageFilter Parse(string? days, string? flags, string? sort) => new(
        int.TryParse(days, out var d) && PeriodDays.Contains(d) ? d : ReviewPeriod.DefaultDays,
        (flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TriageWords.FlagOf).OfType<TriageFlag>().ToHashSet(),
        TriageWords.SortOf(sort) ?? TriageSort.Urgency);

    /// <summary>The URL query of this filter (defaults left out), the inverse of <see cref="Parse"/>.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        if (Days != ReviewPeriod.DefaultDays) parts.Add($"days={Days}");
        if (Flags.Count > 0) parts.Add("flags=" + string.Join(",", Flags.Order().Select(TriageWords.Of)));
        if (Sort != TriageSort.Urgency) parts.Add("sort=" + TriageWords.Of(Sort));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

public enum TriageSort
{
    Urgency,
    Gri,
    InRange,
    VeryLow,
    Low,
    Active,
    InRangeChange,
    LastReading,
    Patient,
}

/// <summary>The words flags and sorts have in URLs and the CSV.</summary>
public static class TriageWords
{
    private static readonly (TriageFlag Flag, string Word, string Label)[] Flags =
    [
        (TriageFlag.VeryLowOver1, "very-low", "Very low > 1 %"),
        (TriageFlag.LowOver4, "low", "Low > 4 %"),
        (TriageFlag.InRangeUnder70, "tir", "In range < 70 %"),
        (TriageFlag.InRangeDropped15, "tir-drop", "In range dropped ≥ 15 points"),
        (TriageFlag.ActiveUnder70, "active", "CGM active < 70 %"),
        (TriageFlag.GriZoneDOrE, "gri", "GRI zone D or E"),
        (TriageFlag.NoData3Days, "no-data", "No data ≥ 3 days"),
        (TriageFlag.MeetingTargets, "on-target", "Meeting targets"),
    ];

    private static readonly (TriageSort Sort, string Word)[] Sorts =
    [
        (TriageSort.Urgency, "urgency"), (TriageSort.Gri, "gri"), (TriageSort.InRange, "tir"), (TriageSort.VeryLow, "very-low"),
        (TriageSort.Low, "low"), (TriageSort.Active, "active"), (TriageSort.InRangeChange, "tir-change"),
        (TriageSort.LastReading, "last-reading"), (TriageSort.Patient, "patient"),
    ];

    public static IReadOnlyList<TriageFlag> AllFlags { get; } = [.. Flags.Select(f => f.Flag)];

    public static string Of(TriageFlag flag) => Flags.First(f => f.Flag == flag).Word;

    public static string LabelOf(TriageFlag flag) => Flags.First(f => f.Flag == flag).Label;

    public static TriageFlag? FlagOf(string word) => Flags.Where(f => f.Word == word).Select(f => (TriageFlag?)f.Flag).FirstOrDefault();

    public static string Of(TriageSort sort) => Sorts.First(s => s.Sort == sort).Word;

    public static TriageSort? SortOf(string? word) => Sorts.Where(s => s.Word == word).Select(s => (TriageSort?)s.Sort).FirstOrDefault();
}

/// <summary>One patient of the triage: the engine's figures, their flags, and the same figures as the review shows them.</summary>
public sealed record TriageRow(Guid UserId, string ClientUserId, string TeamName, TriageFigures Figures, IReadOnlySet<TriageFlag> Flags)
{
    public GlucoseMetrics Metrics => Figures.Metrics;
    public string VeryLow => GlucoseFormat.Percent(Metrics.TimeVeryLowPercent);
    public string Low => GlucoseFormat.Percent(Metrics.TimeLowPercent);
    public string InRange => GlucoseFormat.Percent(Metrics.TimeInRangePercent);
    public string High => GlucoseFormat.Percent(Metrics.TimeHighPercent);
    public string VeryHigh => GlucoseFormat.Percent(Metrics.TimeVeryHighPercent);
    public string Gmi => GlucoseFormat.Percent(Metrics.GmiPercent);
    public string Cv => GlucoseFormat.Percent(Metrics.CvPercent);
    public string Active => GlucoseFormat.Percent(Metrics.ActivePercent);
    public string Gri => Metrics.Gri is { } g ? $"{GlucoseFormat.Number(g, 1)} ({Metrics.GriZone})" : GlucoseFormat.NoValue;
    public string InRangeChange => Figures.InRangeChange is { } c ? $"{(c > 0 ? "+" : "")}{GlucoseFormat.Number(c, 1)} pts" : GlucoseFormat.NoValue;
    public string LastReading => Figures.LastReading is { } t ? GlucoseFormat.DateTime(t) : GlucoseFormat.NoValue;
    public string Connection => Connections.ConnectionHealthRules.Slug(Figures.Health) + (Figures.ErrorType is { } e ? $" ({e})" : "");
}

public sealed record TriageResult(IReadOnlyList<TriageRow> Rows, int Total, IReadOnlyDictionary<TriageFlag, int> FlagCounts, DateTime Now);

/// <summary>
/// The triage list of a person's scope: every patient with the review's metrics of the last N days, computed by the same
/// engine on the same readings as <see cref="GlucoseReviewQuery"/> (the window (newest − N × 24 h, newest]), the previous
/// period's time in range ((newest − 2N days, newest − N days]), the last reading and the connection's health; then the
/// flags and the order of <see cref="TriageRules"/>.
/// </summary>
public sealed class TriageQuery(IDbContextFactory<DashboardDbContext> contexts, PatientListQuery patients, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<TriageResult> PageAsync(StaffScope scope, TriageFilter filter, int page = 0, CancellationToken ct = default)
    {
        var all = await AllAsync(scope, filter, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var counts = TriageWords.AllFlags.ToDictionary(f => f, f => all.Count(r => r.Flags.Contains(f)));
        var matching = all.Where(r => filter.Flags.All(r.Flags.Contains)).ToList();
        var rows = Sorted(matching, filter.Sort, now).Skip(Math.Max(0, page) * PageSize).Take(PageSize).ToList();
        return new TriageResult(rows, matching.Count, counts, now);
    }

    /// <summary>Every row of the filter, in its order (the CSV export).</summary>
    public async Task<IReadOnlyList<TriageRow>> ExportAsync(StaffScope scope, TriageFilter filter, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return [.. Sorted((await AllAsync(scope, filter, ct)).Where(r => filter.Flags.All(r.Flags.Contains)), filter.Sort, now)];
    }

    private static IEnumerable<TriageRow> Sorted(IEnumerable<TriageRow> rows, TriageSort sort, DateTime now) => sort switch
    {
        TriageSort.Gri => rows.OrderByDescending(r => r.Metrics.Gri ?? -1).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.InRange => rows.OrderBy(r => r.Metrics.TimeInRangePercent ?? 101).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.VeryLow => rows.OrderByDescending(r => r.Metrics.TimeVeryLowPercent ?? -1).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.Low => rows.OrderByDescending(r => r.Metrics.TimeLowPercent ?? -1).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.Active => rows.OrderBy(r => r.Metrics.ActivePercent ?? -1).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.InRangeChange => rows.OrderBy(r => r.Figures.InRangeChange ?? 0).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.LastReading => rows.OrderBy(r => r.Figures.LastReading ?? DateTime.MinValue).ThenBy(r => r.ClientUserId, StringComparer.Ordinal),
        TriageSort.Patient => rows.OrderBy(r => r.ClientUserId, StringComparer.Ordinal),
        _ => TriageRules.MostUrgentFirst(rows, r => r.Figures, r => r.ClientUserId, now),
    };

    private async Task<List<TriageRow>> AllAsync(StaffScope scope, TriageFilter filter, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // One row per patient: of several connections, the one in trouble speaks for the patient.
        var byPatient = new Dictionary<Guid, PatientListRow>();
        await foreach (var row in patients.AllAsync(scope, new PatientListFilter(), PatientSortColumn.ClientUserId, false, ct))
        {
            if (!byPatient.TryGetValue(row.UserId, out var seen) || (seen.Health == Connections.ConnectionHealth.Connected && row.Health != Connections.ConnectionHealth.Connected))
            {
                byPatient[row.UserId] = row;
            }
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = new List<TriageRow>(byPatient.Count);
        foreach (var patient in byPatient.Values)
        {
            var figures = await FiguresAsync(db, patient, filter.Days, ct);
            rows.Add(new TriageRow(patient.UserId, patient.ClientUserId, patient.TeamName, figures, TriageRules.FlagsOf(figures, now)));
        }

        return rows;
    }

    private static async Task<TriageFigures> FiguresAsync(DashboardDbContext db, PatientListRow patient, int days, CancellationToken ct)
    {
        var automatic = db.Readings.AsNoTracking().Where(r => r.UserId == patient.UserId && r.Kind == ReadingKind.Automatic);
        var newest = await automatic.OrderByDescending(r => r.Timestamp).Select(r => (DateTime?)r.Timestamp).FirstOrDefaultAsync(ct);
        if (newest is not { } last)
        {
            return new TriageFigures(GlucoseMetrics.Empty(MetricsWindow.LastDays(days)), null, null, patient.Health, patient.ErrorType);
        }

        var after = last.AddDays(-2 * days);
        var readings = await automatic.Where(r => r.Timestamp > after).OrderBy(r => r.Timestamp)
            .Select(r => new GlucoseReading(r.Timestamp, r.MeasuredValue, r.MeasuredUnit)).ToListAsync(ct);
        var series = GlucoseSeries.From(readings);
        var window = MetricsWindow.LastDays(days);
        var metrics = GlucoseMetricsCalculator.Compute(series, window);
        // The previous period (newest − 2N days, newest − N days]: only its time in range is compared, which depends on
        // the readings and their spacing alone, so the whole-series rule of the engine gives it.
        var split = last.AddDays(-days);
        var previous = series.Readings.ToArray().Where(r => r.Timestamp <= split).ToArray();
        var previousInRange = previous.Length == 0 ? null : GlucoseMetricsCalculator.Compute(previous, MetricsWindow.WholeSeries).TimeInRangePercent;
        return new TriageFigures(metrics, previousInRange, last, patient.Health, patient.ErrorType);
    }
}
