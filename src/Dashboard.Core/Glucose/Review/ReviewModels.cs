using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Review;

/// <summary>Everything the Glucose review page shows for one patient, period and unit. Numbers are ready to show.</summary>
public sealed record GlucoseReview(
    Guid UserId,
    Guid TeamId,
    string ClientUserId,
    ReviewPeriod Period,
    GlucoseUnit Unit,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    GlucoseMetrics Metrics,
    ReviewStatistics Statistics,
    IReadOnlyList<RangeRow> Ranges,
    AgpChart Agp,
    IReadOnlyList<DailyProfile> DailyProfiles,
    DetailChart Detail,
    ReviewEvents Events)
{
    public bool HasReadings => Metrics.Readings > 0;

    public string UnitSymbol => GlucoseUnits.Symbol(Unit);
}

/// <summary>The Glucose statistics and targets panel, formatted.</summary>
public sealed record ReviewStatistics(
    string Period,
    string Days,
    string ActivePercent,
    bool SufficientData,
    string Mean,
    string Gmi,
    string Cv,
    bool MeetsCvGoal,
    string Sd,
    string TightRange,
    string Gri,
    string GriZone,
    int Readings);

/// <summary>AGP: per 15-minute slot (x = minute of the day), the 5–95 % and 25–75 % bands and the median, rounded.</summary>
public sealed record AgpChart(
    IReadOnlyList<RangePoint> Outer,
    IReadOnlyList<RangePoint> Inner,
    IReadOnlyList<SeriesPoint> Median,
    TargetBand Target,
    IReadOnlyList<AgpSlotRow> Table)
{
    public bool IsEmpty => Median.Count == 0;
}

/// <summary>One slot of the AGP as text-alternative rows (hourly rows are enough to read it).</summary>
public sealed record AgpSlotRow(string Time, string P5, string P25, string Median, string P75, string P95);

/// <summary>The target band drawn behind glucose charts, in the unit shown (70–180 mg/dL or 3.9–10.0 mmol/L).</summary>
public sealed record TargetBand(double Low, double High);

/// <summary>One day's small profile chart: x = minute of the day.</summary>
public sealed record DailyProfile(DateOnly Day, string Title, IReadOnlyList<SeriesPoint> Points, string Mean, string InRange, string Low, string High)
{
    /// <summary>The day's metrics the texts are written from (the console formats them in the person's language).</summary>
    public GlucoseMetrics? Metrics { get; init; }

    public bool IsEmpty => Points.Count == 0;
}

/// <summary>The detail chart of a day or range: the glucose line (x = chart milliseconds) and markers at their hour.</summary>
public sealed record DetailChart(
    DateOnly From, DateOnly To, GlucoseUnit Unit, IReadOnlyList<SeriesPoint> Glucose, IReadOnlyList<HourlyMarker> Markers, TargetBand Target)
{
    public bool IsEmpty => Glucose.Count == 0 && Markers.Count == 0;

    /// <summary>
    /// The days shown; a preset review with no readings has no newest day to end at, so its detail chart has no days
    /// (it said "1 Jan 0001", the empty date).
    /// </summary>
    public string Range => From == default ? "no readings yet"
        : From == To ? GlucoseFormat.Date(From) : $"{GlucoseFormat.Date(From)} – {GlucoseFormat.Date(To)}";

    /// <summary>The line in words: how many points, from when to when, its lowest and highest value.</summary>
    public string Summary
    {
        get
        {
            if (Glucose.Count == 0) return "No glucose readings.";
            var lowest = Glucose.MinBy(p => p.Y);
            var highest = Glucose.MaxBy(p => p.Y);
            var decimals = GlucoseFormat.Decimals(Unit);
            string At(SeriesPoint p) => $"{GlucoseFormat.Number(p.Y, decimals)} {GlucoseUnits.Symbol(Unit)} at {GlucoseFormat.DateTime(ChartTime.FromMilliseconds(p.X))}";
            return $"{Glucose.Count:N0} points from {GlucoseFormat.DateTime(ChartTime.FromMilliseconds(Glucose[0].X))} to "
                + $"{GlucoseFormat.DateTime(ChartTime.FromMilliseconds(Glucose[^1].X))}; lowest {At(lowest)}; highest {At(highest)}.";
        }
    }
}

public enum MarkerKind
{
    Carbohydrates,
    RapidActingInsulin,
    LongActingInsulin,
    Note,
}

/// <summary>
/// The hourly sample of one kind (DESIGN §7): entries of the hour [start, start + 1 h) recomputed from the stored
/// entries — carbohydrates summed, insulin summed per type, note texts joined with "; ".
/// </summary>
public sealed record HourlyMarker(DateTime Hour, MarkerKind Kind, double? Amount, string? Text)
{
    public double X => ChartTime.Milliseconds(Hour);

    public string Time => GlucoseFormat.DateTime(Hour);

    public string Label => Kind switch
    {
        MarkerKind.Carbohydrates => $"Carbs {GlucoseFormat.Number(Amount ?? 0, 0)} g",
        MarkerKind.RapidActingInsulin => $"Rapid {GlucoseFormat.Number(Amount ?? 0, 1)} U",
        MarkerKind.LongActingInsulin => $"Long {GlucoseFormat.Number(Amount ?? 0, 1)} U",
        _ => $"Note: {Text}",
    };
}
