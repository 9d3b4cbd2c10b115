using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// The period of a review (DESIGN §8): the last 7, 14, 30 or 90 days ending at the newest reading, or a custom
/// range of whole days [start 00:00, end 24:00) of floating local time.
/// </summary>
public readonly record struct ReviewPeriod
{
    public const int DefaultDays = 14;

    /// <summary>The longest custom range, as long as the longest preset (keeps the page's chart data bounded).</summary>
    public const int MaxCustomDays = 90;

    /// <summary>The day counts the period picker offers.</summary>
    public static IReadOnlyList<int> PresetDays { get; } = [7, 14, 30, 90];

    private ReviewPeriod(int days, DateOnly start, DateOnly end)
    {
        Days = days;
        Start = start;
        End = end;
    }

    /// <summary>N of "last N days"; 0 for a custom range.</summary>
    public int Days { get; }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public bool IsCustom => Days == 0;

    public static ReviewPeriod Default => LastDays(DefaultDays);

    public static ReviewPeriod LastDays(int days) =>
        days > 0 ? new(days, default, default) : throw new ArgumentOutOfRangeException(nameof(days), "must be at least 1");

    public static ReviewPeriod Custom(DateOnly start, DateOnly end) =>
        end < start ? throw new ArgumentOutOfRangeException(nameof(end), "is before start")
        : end.DayNumber - start.DayNumber + 1 > MaxCustomDays ? throw new ArgumentOutOfRangeException(nameof(end), $"makes a range longer than {MaxCustomDays} days")
        : new(0, start, end);

    /// <summary>
    /// A period from request or command-line text: <paramref name="days"/> alone (one of <see cref="PresetDays"/>), or
    /// <paramref name="from"/> and <paramref name="to"/> as yyyy-MM-dd (a custom range of at most <see cref="MaxCustomDays"/>
    /// days); nothing at all is the default. Returns the reason when the text is not a period.
    /// </summary>
    public static (ReviewPeriod Period, string? Error) Parse(string? days, string? from, string? to)
    {
        var hasDays = !string.IsNullOrWhiteSpace(days);
        var hasRange = !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to);
        if (hasDays && hasRange) return (Default, "give either days or from and to, not both");
        if (hasDays)
        {
            return int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && PresetDays.Contains(n)
                ? (LastDays(n), null)
                : (Default, $"days must be one of {string.Join(", ", PresetDays)}");
        }

        if (!hasRange) return (Default, null);
        if (!TryDay(from, out var start) || !TryDay(to, out var end)) return (Default, "from and to must both be dates written yyyy-MM-dd");
        if (end < start) return (Default, "to is before from");
        if (end.DayNumber - start.DayNumber + 1 > MaxCustomDays) return (Default, $"a period is at most {MaxCustomDays} days");
        return (Custom(start, end), null);
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);

    /// <summary>
    /// The period a review compares with by default: the same number of whole days just before the chosen period's first
    /// day (for "last N days", the N days before the day its window starts on) — a custom range, so its days are whole.
    /// </summary>
    public ReviewPeriod Previous(DateOnly firstDay)
    {
        var length = IsCustom ? End.DayNumber - Start.DayNumber + 1 : Days;
        length = Math.Min(length, MaxCustomDays);
        return Custom(firstDay.AddDays(-length), firstDay.AddDays(-1));
    }

    public MetricsWindow ToWindow() => IsCustom ? MetricsWindow.Period(Start, End) : MetricsWindow.LastDays(Days);

    public override string ToString() => IsCustom ? $"{Start:yyyy-MM-dd} to {End:yyyy-MM-dd}" : $"last {Days} days";
}

/// <summary>Whole days [From 00:00, To 24:00) of floating local time, e.g. what the detail chart shows.</summary>
public readonly record struct DayRange
{
    public DayRange(DateOnly from, DateOnly to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public static DayRange Single(DateOnly day) => new(day, day);
}
