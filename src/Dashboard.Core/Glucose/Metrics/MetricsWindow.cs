namespace Dashboard.Core.Glucose.Metrics;

/// <summary>
/// Which readings a metric looks at (DESIGN §8), all on floating local time:
/// the whole series [first, last]; the last N days (last − N×24 h, last] where last is the newest reading;
/// or a period chosen in the UI [start 00:00, end 24:00).
/// </summary>
public readonly record struct MetricsWindow
{
    private MetricsWindow(MetricsWindowKind kind, int days, DateOnly start, DateOnly end)
    {
        Kind = kind;
        Days = days;
        Start = start;
        End = end;
    }

    public MetricsWindowKind Kind { get; }

    /// <summary>N of "last N days".</summary>
    public int Days { get; }

    /// <summary>First day of a chosen period.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day of a chosen period, included whole.</summary>
    public DateOnly End { get; }

    public static MetricsWindow WholeSeries => default;

    public static MetricsWindow LastDays(int days) =>
        days > 0 ? new(MetricsWindowKind.LastDays, days, default, default) : throw new ArgumentOutOfRangeException(nameof(days), "must be at least 1");

    public static MetricsWindow Period(DateOnly start, DateOnly end) =>
        end >= start ? new(MetricsWindowKind.Period, 0, start, end) : throw new ArgumentOutOfRangeException(nameof(end), "is before start");

    /// <summary>Length of the window in minutes for the "last N days" and period active-time rule; null for the whole series.</summary>
    public double? Minutes => Kind switch
    {
        MetricsWindowKind.LastDays => Days * 1440.0,
        MetricsWindowKind.Period => (End.DayNumber - Start.DayNumber + 1) * 1440.0,
        _ => null,
    };

    /// <summary>The readings of a sorted, de-duplicated series that fall in this window.</summary>
    public ReadOnlySpan<GlucoseReading> Select(ReadOnlySpan<GlucoseReading> sorted)
    {
        switch (Kind)
        {
            case MetricsWindowKind.LastDays when !sorted.IsEmpty:
                var last = sorted[^1].Timestamp;
                return sorted[FirstAfter(sorted, last.AddDays(-Days))..];
            case MetricsWindowKind.Period:
                var from = FirstAtOrAfter(sorted, Start.ToDateTime(TimeOnly.MinValue));
                var to = FirstAtOrAfter(sorted, End.AddDays(1).ToDateTime(TimeOnly.MinValue));
                return sorted[from..to];
            default:
                return sorted;
        }
    }

    public override string ToString() => Kind switch
    {
        MetricsWindowKind.LastDays => $"last {Days} days",
        MetricsWindowKind.Period => $"{Start:yyyy-MM-dd} to {End:yyyy-MM-dd}",
        _ => "whole series",
    };

    private static int FirstAtOrAfter(ReadOnlySpan<GlucoseReading> sorted, DateTime time)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].Timestamp < time) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private static int FirstAfter(ReadOnlySpan<GlucoseReading> sorted, DateTime time)
    {
        var i = FirstAtOrAfter(sorted, time);
        while (i < sorted.Length && sorted[i].Timestamp == time) i++;
        return i;
    }
}

public enum MetricsWindowKind
{
    WholeSeries,
    LastDays,
    Period,
}
