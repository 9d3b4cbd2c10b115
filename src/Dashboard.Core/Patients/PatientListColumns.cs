namespace Dashboard.Core.Patients;

/// <summary>One column of the patient list: its URL key, short header, what the header means, and how it sorts.</summary>
/// <param name="Key">The column's name in the URL (<c>?sort=tir&amp;cols=…</c>).</param>
/// <param name="Header">A short header that fits on one line at 1280 px.</param>
/// <param name="Description">The full meaning, shown on hover and read by screen readers.</param>
/// <param name="ShownByDefault">The default set fits a 1280 px window without horizontal scroll.</param>
/// <param name="IsMetric">
/// A measured value some patients do not have yet; such patients sort last in both directions, so the ones with data
/// are what a reviewer sees first.
/// </param>
public sealed record PatientListColumn(
    string Key, string Header, string Description, PatientSortColumn Sort, bool ShownByDefault, bool IsMetric);

/// <summary>The patient list's columns, in display order (one place for the layout rules).</summary>
public static class PatientListColumns
{
    public static PatientListColumn Patient { get; } = new("patient", "Patient", "Client user id", PatientSortColumn.ClientUserId, true, false);
    public static PatientListColumn Team { get; } = new("team", "Team", "Team", PatientSortColumn.Team, true, false);
    public static PatientListColumn Provider { get; } = new("provider", "Provider", "Provider", PatientSortColumn.Provider, false, false);
    public static PatientListColumn Status { get; } = new("status", "Status", "Connection status", PatientSortColumn.Status, true, false);
    public static PatientListColumn Region { get; } = new("region", "Region", "LibreView region", PatientSortColumn.Region, false, false);
    public static PatientListColumn Practice { get; } = new("practice", "Practice", "Practice the patient shares with", PatientSortColumn.Practice, false, false);
    public static PatientListColumn LastReading { get; } = new("reading", "Last reading", "Last reading, in the device's own clock time", PatientSortColumn.LastReading, true, true);
    public static PatientListColumn LastSync { get; } = new("sync", "Last sync", "Last successful sync", PatientSortColumn.LastSync, false, true);
    public static PatientListColumn TimeInRange { get; } = new("tir", "TIR 14d", "Time in range 70–180 mg/dL over the last 14 days, %", PatientSortColumn.TimeInRange, true, true);
    public static PatientListColumn Active { get; } = new("active", "CGM 14d", "Time CGM active over the last 14 days, %", PatientSortColumn.Active, true, true);
    public static PatientListColumn Pull { get; } = new("pull", "History", "History pull progress (days done of days asked)", PatientSortColumn.PullProgress, true, true);

    public static IReadOnlyList<PatientListColumn> All { get; } =
        [Patient, Team, Provider, Status, Region, Practice, LastReading, LastSync, TimeInRange, Active, Pull];

    public static IReadOnlyList<PatientListColumn> Default { get; } = All.Where(c => c.ShownByDefault).ToList();

    public static PatientListColumn? ByKey(string? key) => All.FirstOrDefault(c => c.Key == key);

    public static PatientListColumn BySort(PatientSortColumn sort) => All.FirstOrDefault(c => c.Sort == sort) ?? Patient;

    public static bool IsMetric(PatientSortColumn sort) => All.Any(c => c.Sort == sort && c.IsMetric);

    /// <summary>
    /// The columns a <c>cols=</c> value names, in display order; unknown keys are ignored, and an empty or wholly unknown
    /// value is the default set (the patient column always stays, it is the row's link).
    /// </summary>
    public static IReadOnlyList<PatientListColumn> Parse(string? keys)
    {
        var named = (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var chosen = All.Where(c => named.Contains(c.Key)).ToList();
        if (chosen.Count == 0)
        {
            return Default;
        }
        return chosen.Contains(Patient) ? chosen : [Patient, .. chosen];
    }

    /// <summary>The <c>cols=</c> value for a set of columns; null for the default set, so default URLs stay short.</summary>
    public static string? Format(IEnumerable<PatientListColumn> columns)
    {
        var list = All.Where(columns.Contains).ToList();
        return list.SequenceEqual(Default) ? null : string.Join(',', list.Select(c => c.Key));
    }
}
