using Dashboard.Core.Connections;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Triage;

/// <summary>The flags of the triage list; each is also a filter.</summary>
public enum TriageFlag
{
    /// <summary>Time very low &gt; 1 % (the consensus goal is &lt; 1 %).</summary>
    VeryLowOver1,

    /// <summary>Time low &gt; 4 % (low alone, as the issue names it; the consensus goal counts low + very low &lt; 4 %).</summary>
    LowOver4,

    /// <summary>Time in range &lt; 70 %.</summary>
    InRangeUnder70,

    /// <summary>Time in range fell by ≥ 15 percentage points against the previous period of the same length.</summary>
    InRangeDropped15,

    /// <summary>% time CGM active &lt; 70 %: too little data to trust the figures.</summary>
    ActiveUnder70,

    /// <summary>GRI zone D or E.</summary>
    GriZoneDOrE,

    /// <summary>No reading for ≥ 3 days (or none at all); shown with the connection's error when it has one.</summary>
    NoData3Days,

    /// <summary>Every consensus goal met (in range &gt; 70 %, below &lt; 4 %, very low &lt; 1 %, above &lt; 25 %, very high &lt; 5 %, CV ≤ 36 %) with ≥ 70 % active.</summary>
    MeetingTargets,
}

/// <summary>The figures the triage flags and orders patients by (all from the metrics engine, unrounded).</summary>
public sealed record TriageFigures(GlucoseMetrics Metrics, double? PreviousInRangePercent, DateTime? LastReading, ConnectionHealth Health, string? ErrorType)
{
    /// <summary>Time in range now minus the previous period's, in percentage points; null when either has no readings.</summary>
    public double? InRangeChange => Metrics.TimeInRangePercent is { } now && PreviousInRangePercent is { } before ? now - before : null;
}

/// <summary>
/// The triage rules, in one place: which flags a patient carries and the order "most urgent first".
/// <para><b>Urgency</b> (the default order) ranks by the first of these that differs:</para>
/// <list type="number">
/// <item>Danger first: time very low &gt; 1 % (level 2 hypoglycaemia is the most immediate risk).</item>
/// <item>Then the GRI, highest first — it weighs very low ×3, low ×2.4, very high ×1.6, high ×0.8, so it folds every
/// out-of-range band into one risk; a patient without readings ranks as GRI 0 here.</item>
/// <item>Then silent patients: no data for ≥ 3 days, before those with data — a broken connection hides whatever is
/// happening.</item>
/// <item>Then the largest drop of time in range.</item>
/// <item>Then client_user_id, so the order is stable.</item>
/// </list>
/// </summary>
public static class TriageRules
{
    public const double VeryLowAbovePercent = 1;
    public const double LowAbovePercent = 4;
    public const double InRangeBelowPercent = 70;
    public const double InRangeDropPoints = 15;
    public const double ActiveBelowPercent = 70;
    public static readonly TimeSpan SilentAfter = TimeSpan.FromDays(3);

    /// <param name="now">The present on floating local time's scale (readings carry no zone; a day's error is far inside 3 days).</param>
    public static IReadOnlySet<TriageFlag> FlagsOf(TriageFigures f, DateTime now)
    {
        var m = f.Metrics;
        var flags = new HashSet<TriageFlag>();
        if (m.TimeVeryLowPercent > VeryLowAbovePercent) flags.Add(TriageFlag.VeryLowOver1);
        if (m.TimeLowPercent > LowAbovePercent) flags.Add(TriageFlag.LowOver4);
        if (m.TimeInRangePercent < InRangeBelowPercent) flags.Add(TriageFlag.InRangeUnder70);
        if (f.InRangeChange <= -InRangeDropPoints) flags.Add(TriageFlag.InRangeDropped15);
        if (m.Readings > 0 && m.ActivePercent < ActiveBelowPercent) flags.Add(TriageFlag.ActiveUnder70);
        if (m.GriZone is GriZone.D or GriZone.E) flags.Add(TriageFlag.GriZoneDOrE);
        if (IsSilent(f.LastReading, now)) flags.Add(TriageFlag.NoData3Days);
        if (MeetsTargets(m)) flags.Add(TriageFlag.MeetingTargets);
        return flags;
    }

    public static bool IsSilent(DateTime? lastReading, DateTime now) => lastReading is not { } last || now - last >= SilentAfter;

    public static bool MeetsTargets(GlucoseMetrics m) =>
        m.Readings > 0 && m.HasSufficientData
        && m.TimeInRangePercent > ConsensusGoals.TimeInRangeAbovePercent
        && m.TimeLowPercent + m.TimeVeryLowPercent < ConsensusGoals.TimeLowBelowPercent
        && m.TimeVeryLowPercent < ConsensusGoals.TimeVeryLowBelowPercent
        && m.TimeHighPercent + m.TimeVeryHighPercent < ConsensusGoals.TimeHighBelowPercent
        && m.TimeVeryHighPercent < ConsensusGoals.TimeVeryHighBelowPercent
        && m.CvPercent <= ConsensusGoals.CvAtMostPercent;

    /// <summary>Most urgent first, by the rule above.</summary>
    public static IOrderedEnumerable<T> MostUrgentFirst<T>(IEnumerable<T> rows, Func<T, TriageFigures> figures, Func<T, string> clientUserId, DateTime now) =>
        rows.OrderByDescending(r => figures(r).Metrics.TimeVeryLowPercent > VeryLowAbovePercent)
            .ThenByDescending(r => figures(r).Metrics.Gri ?? 0)
            .ThenByDescending(r => IsSilent(figures(r).LastReading, now))
            .ThenBy(r => figures(r).InRangeChange ?? 0)
            .ThenBy(clientUserId, StringComparer.Ordinal);
}
