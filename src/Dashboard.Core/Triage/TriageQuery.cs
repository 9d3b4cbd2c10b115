using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using System.Linq.Expressions;
using Dashboard.Core.Connections;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Triage;

/// <summary>
/// What the triage shows: the period (last 7, 14 or 30 days), the flags every row must carry, the order, and optionally
/// the staff tag every patient must have (<see cref="PatientTag"/>).
/// </summary>
public sealed record TriageFilter(int Days, IReadOnlySet<TriageFlag> Flags, TriageSort Sort, string? Tag = null)
{
    public static IReadOnlyList<int> PeriodDays { get; } = [7, 14, 30];

    public static TriageFilter Default { get; } = new(ReviewPeriod.DefaultDays, new HashSet<TriageFlag>(), TriageSort.Urgency);

    /// <summary>
    /// From the page's URL: <c>?days=14&amp;flags=low,tir&amp;tag=pump-start&amp;sort=gri</c>; unknown words are ignored, a bad
    /// period is the default; the tag is compared as tags are stored (trimmed, lower-case).
    /// </summary>
    public static TriageFilter Parse(string? days, string? flags, string? sort, string? tag = null) => new(
        int.TryParse(days, out var d) && PeriodDays.Contains(d) ? d : ReviewPeriod.DefaultDays,
        (flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TriageWords.FlagOf).OfType<TriageFlag>().ToHashSet(),
        TriageWords.SortOf(sort) ?? TriageSort.Urgency,
        string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant());

    /// <summary>The URL query of this filter (defaults left out), the inverse of <see cref="Parse"/>.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        if (Days != ReviewPeriod.DefaultDays) parts.Add($"days={Days}");
        if (Flags.Count > 0) parts.Add("flags=" + string.Join(",", Flags.Order().Select(TriageWords.Of)));
        if (Tag is not null) parts.Add("tag=" + Uri.EscapeDataString(Tag));
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
public sealed record TriageRow(Guid UserId, string ClientUserId, string TeamName, TriageFigures Figures, IReadOnlySet<TriageFlag> Flags,
    string? DisplayName = null)
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
/// The triage list of a person's scope: every patient with the review's metrics of the last N days, read from the
/// per-patient summaries (<see cref="PatientSummaries"/>: the same engine on the same readings as
/// <see cref="GlucoseReviewQuery"/>, the window (newest − N × 24 h, newest]), the previous period's time in range
/// ((newest − 2N days, newest − N days]), the last reading and the connection's health; the flags, their counts and the
/// order of <see cref="TriageRules"/> are evaluated in SQL over the summaries, and only one page is read.
/// Every patient of the scope has a row per period (empty figures without readings); rows that are missing are computed
/// when a filter's first page is asked for.
/// </summary>
public sealed class TriageQuery(IDbContextFactory<DashboardDbContext> contexts, PatientSummaries summaries, TimeProvider time)
{
    public const int PageSize = 50;

    /// <param name="page">
    /// The page, from 0. Page 0 (a new filter or period) first computes the summaries that are missing
    /// (<see cref="PatientSummaries.FillMissingAsync"/>); turning pages reads the table only.
    /// </param>
    /// <param name="known">
    /// An earlier page of this same filter, when the caller has one: its total and flag counts are reused, since turning
    /// the page does not change them and counting the whole scope is the dearer part of a page.
    /// </param>
    public async Task<TriageResult> PageAsync(StaffScope scope, TriageFilter filter, int page = 0, CancellationToken ct = default, TriageResult? known = null)
    {
        page = Math.Max(0, page);
        var now = known?.Now ?? time.GetUtcNow().UtcDateTime;
        var silentBefore = now - TriageRules.SilentAfter;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = known is not null ? new Counts(known.Total, known.FlagCounts) : await CountsAsync(InScope(db, scope, filter), silentBefore, ct);
        // The untagged total is the scope's count of summaries, which the fill would otherwise count again.
        if (page == 0 && await summaries.FillMissingAsync(scope, filter.Days, ct, summarised: filter.Tag is null ? counts.Total : null) > 0)
        {
            counts = await CountsAsync(InScope(db, scope, filter), silentBefore, ct);
        }
        var total = known is not null ? known.Total
            : filter.Flags.Count == 0 ? counts.Total
            : filter.Flags.Count == 1 ? counts.ByFlag[filter.Flags.Single()]
            : await Matching(InScope(db, scope, filter), filter.Flags, silentBefore).CountAsync(ct);
        var walk = filter.Sort == TriageSort.Urgency && WalksTheOrder(total, page, await db.PatientSummaries.CountAsync(s => s.Days == filter.Days, ct));
        var rows = await Sorted(Joined(Matching(InScope(db, scope, filter, askEachRow: walk), filter.Flags, silentBefore)), filter.Sort, silentBefore)
            .Skip(page * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = rows.Select(r => r.UserId).ToList();
        var beside = await BesideAsync(db, scope, db.Connections.Where(c => ids.Contains(c.UserId)), db.PatientProfiles.Where(p => ids.Contains(p.UserId)), ct);
        return new TriageResult([.. rows.Select(r => ToRow(r, beside, now))], total, counts.ByFlag, now);
    }

    /// <summary>
    /// Whether a page of the urgency order is read by walking the summaries' (Days, VeryLowOver1, UrgencyGri) index in
    /// order, stopping after the page, rather than by sorting every matching row. Walking visits about
    /// (page + 1) × <see cref="PageSize"/> × period rows ÷ matching rows entries; sorting touches every matching row (and
    /// costs several times more per row), so the walk wins unless few rows match — a small scope, a rare flag. At
    /// 100,000 patients the sort of a whole scope took 600 ms and the walk 5 ms; a flag matching 300 of them is a quick sort.
    /// </summary>
    internal static bool WalksTheOrder(int matching, int page, int periodRows) =>
        (double)matching * matching >= (double)(page + 1) * PageSize * periodRows;

    /// <summary>Every row of the filter, in its order (the CSV export).</summary>
    public async Task<IReadOnlyList<TriageRow>> ExportAsync(StaffScope scope, TriageFilter filter, CancellationToken ct = default)
    {
        await summaries.FillMissingAsync(scope, filter.Days, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var silentBefore = now - TriageRules.SilentAfter;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await Sorted(Joined(Matching(InScope(db, scope, filter), filter.Flags, silentBefore)), filter.Sort, silentBefore).ToListAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        var beside = await BesideAsync(db, scope,
            db.Connections.Where(c => db.Users.Any(u => u.Id == c.UserId && teamIds.Contains(u.TeamId))),
            db.PatientProfiles.Where(p => db.Users.Any(u => u.Id == p.UserId && teamIds.Contains(u.TeamId))), ct);
        return [.. rows.Select(r => ToRow(r, beside, now))];
    }

    /// <summary>A patient of the scope and their summary of the period; settable for EF's projection.</summary>
    internal sealed class Row
    {
        public Guid UserId { get; init; }
        public string ClientUserId { get; init; } = "";
        public PatientSummary Summary { get; init; } = null!;
    }

    /// <summary>
    /// The summaries as rows: each carries its patient's client id (the orders' tie-break), and a deleted patient has
    /// none, so no other table is joined. Names, teams and connection health are read afterwards for the rows returned
    /// only (<see cref="BesideAsync"/>): joined here, every matching row of a sort paid their lookups before the sort kept 50.
    /// </summary>
    private static IQueryable<Row> Joined(IQueryable<PatientSummary> matching) =>
        matching.Select(s => new Row { UserId = s.UserId, ClientUserId = s.ClientUserId, Summary = s });

    /// <summary>
    /// The scope's summaries of the period; with a tag, only its patients, so the flag counts beside the filter describe
    /// the tagged group being looked at. By default the scope is a team range, which the counts index is entered by.
    /// <paramref name="askEachRow"/> asks it of each row instead (a correlated subquery), so the store has no team range
    /// to enter by and walks the urgency index in order (<see cref="WalksTheOrder"/>); SQLite otherwise prefers the
    /// counts index for the team and sorts the whole scope to return one page.
    /// </summary>
    private static IQueryable<PatientSummary> InScope(DashboardDbContext db, StaffScope scope, TriageFilter filter, bool askEachRow = false)
    {
        var teamIds = scope.TeamIds.ToList();
        var days = filter.Days;
        var period = db.PatientSummaries.AsNoTracking().Where(s => s.Days == days);
        var scoped = askEachRow
            ? period.Where(s => db.Teams.Any(t => t.Id == s.TeamId && teamIds.Contains(t.Id)))
            : period.Where(s => teamIds.Contains(s.TeamId));
        return filter.Tag is { } tag ? scoped.Where(s => db.PatientTags.Any(t => t.UserId == s.UserId && t.Tag == tag)) : scoped;
    }

    /// <summary>Each flag as a SQL condition on the summary (the stored clock-free flags; "no data" against the clock).</summary>
    private static Expression<Func<PatientSummary, bool>> Condition(TriageFlag flag, DateTime silentBefore) => flag switch
    {
        TriageFlag.VeryLowOver1 => s => s.VeryLowOver1,
        TriageFlag.LowOver4 => s => s.LowOver4,
        TriageFlag.InRangeUnder70 => s => s.InRangeUnder70,
        TriageFlag.InRangeDropped15 => s => s.InRangeDropped15,
        TriageFlag.ActiveUnder70 => s => s.ActiveUnder70,
        TriageFlag.GriZoneDOrE => s => s.GriZoneDOrE,
        TriageFlag.NoData3Days => s => s.Last == null || s.Last <= silentBefore,
        TriageFlag.MeetingTargets => s => s.MeetingTargets,
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    private static IQueryable<PatientSummary> Matching(IQueryable<PatientSummary> summaries, IReadOnlySet<TriageFlag> flags, DateTime silentBefore) =>
        flags.Aggregate(summaries, (q, flag) => q.Where(Condition(flag, silentBefore)));

    private sealed record Counts(int Total, IReadOnlyDictionary<TriageFlag, int> ByFlag);

    /// <summary>The scope's total and every flag's count in one aggregate query.</summary>
    private static async Task<Counts> CountsAsync(IQueryable<PatientSummary> rows, DateTime silentBefore, CancellationToken ct)
    {
        var c = await rows.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(),
            VeryLow = g.Sum(s => s.VeryLowOver1 ? 1 : 0),
            Low = g.Sum(s => s.LowOver4 ? 1 : 0),
            InRange = g.Sum(s => s.InRangeUnder70 ? 1 : 0),
            Dropped = g.Sum(s => s.InRangeDropped15 ? 1 : 0),
            Active = g.Sum(s => s.ActiveUnder70 ? 1 : 0),
            Gri = g.Sum(s => s.GriZoneDOrE ? 1 : 0),
            Silent = g.Sum(s => s.Last == null || s.Last <= silentBefore ? 1 : 0),
            Targets = g.Sum(s => s.MeetingTargets ? 1 : 0),
        }).FirstOrDefaultAsync(ct);
        if (c is null) return new Counts(0, TriageWords.AllFlags.ToDictionary(f => f, _ => 0));
        return new Counts(c.Total, new Dictionary<TriageFlag, int>
        {
            [TriageFlag.VeryLowOver1] = c.VeryLow,
            [TriageFlag.LowOver4] = c.Low,
            [TriageFlag.InRangeUnder70] = c.InRange,
            [TriageFlag.InRangeDropped15] = c.Dropped,
            [TriageFlag.ActiveUnder70] = c.Active,
            [TriageFlag.GriZoneDOrE] = c.Gri,
            [TriageFlag.NoData3Days] = c.Silent,
            [TriageFlag.MeetingTargets] = c.Targets,
        });
    }

    /// <summary>
    /// The orders in SQL. Each sort puts a missing value where the in-memory rule of the figures does (e.g. GRI missing
    /// as −1 when sorting by GRI, as 0 in the urgency rule of <see cref="TriageRules"/>); client_user_id, then the id,
    /// break ties.
    /// </summary>
    private static IQueryable<Row> Sorted(IQueryable<Row> rows, TriageSort sort, DateTime silentBefore)
    {
        IOrderedQueryable<Row> ordered = sort switch
        {
            TriageSort.Gri => rows.OrderByDescending(r => r.Summary.Gri ?? -1),
            TriageSort.InRange => rows.OrderBy(r => r.Summary.TimeInRangePercent ?? 101),
            TriageSort.VeryLow => rows.OrderByDescending(r => r.Summary.TimeVeryLowPercent ?? -1),
            TriageSort.Low => rows.OrderByDescending(r => r.Summary.TimeLowPercent ?? -1),
            TriageSort.Active => rows.OrderBy(r => r.Summary.ActivePercent ?? -1),
            TriageSort.InRangeChange => rows.OrderBy(r => r.Summary.InRangeChange ?? 0),
            TriageSort.LastReading => rows.OrderBy(r => r.Summary.Last != null).ThenBy(r => r.Summary.Last),
            TriageSort.Patient => rows.OrderBy(r => r.ClientUserId),
            _ => rows.OrderByDescending(r => r.Summary.VeryLowOver1)
                .ThenByDescending(r => r.Summary.UrgencyGri)
                .ThenByDescending(r => r.Summary.Last == null || r.Summary.Last <= silentBefore)
                .ThenBy(r => r.Summary.InRangeChange ?? 0),
        };
        return (sort == TriageSort.Patient ? ordered : ordered.ThenBy(r => r.ClientUserId)).ThenBy(r => r.UserId);
    }

    private sealed record Health(ConnectionHealth Value, string? ErrorType);

    /// <summary>What the rows show beside their figures: display names, team names and each patient's connection health.</summary>
    private sealed record Beside(IReadOnlyDictionary<Guid, Health> Health, IReadOnlyDictionary<Guid, string?> Names, IReadOnlyDictionary<Guid, string> Teams);

    /// <summary>Reads what <see cref="Beside"/> holds for the given connections and profiles, and the scope's team names.</summary>
    private static async Task<Beside> BesideAsync(DashboardDbContext db, StaffScope scope, IQueryable<Connection> connections,
        IQueryable<PatientProfile> profiles, CancellationToken ct)
    {
        var all = await connections.AsNoTracking().Select(c => new { c.UserId, c.Status, c.ErrorType }).ToListAsync(ct);
        // Of several connections of a patient, the one in trouble speaks for the patient.
        var health = all.GroupBy(c => c.UserId).ToDictionary(g => g.Key, g =>
        {
            var chosen = g.FirstOrDefault(c => c.Status != ConnectionStatus.Connected) ?? g.First();
            return new Health(ConnectionHealthRules.Classify(chosen.Status, chosen.ErrorType), chosen.ErrorType);
        });
        var names = await profiles.AsNoTracking().ToDictionaryAsync(p => p.UserId, p => p.DisplayName, ct);
        var teamIds = scope.TeamIds.ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new Beside(health, names, teams);
    }

    private static TriageRow ToRow(Row r, Beside beside, DateTime now)
    {
        var h = beside.Health.GetValueOrDefault(r.UserId) ?? new Health(ConnectionHealth.NotConnected, null);
        var s = r.Summary;
        var figures = new TriageFigures(s.ToMetrics(), s.PreviousInRangePercent, s.Last, h.Value, h.ErrorType);
        return new TriageRow(r.UserId, r.ClientUserId, beside.Teams.GetValueOrDefault(s.TeamId, ""), figures, TriageRules.FlagsOf(figures, now),
            beside.Names.GetValueOrDefault(r.UserId));
    }
}
