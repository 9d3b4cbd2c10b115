namespace Dashboard.Core.Glucose.Metrics;

/// <summary>
/// Time in the five bands and in tight range, as percentages of time (DESIGN §8): each reading weighs
/// the gap to the next reading when that gap is ≤ 45 minutes, otherwise dt0; the last reading weighs
/// dt0. Bands are judged in each reading's measured unit.
/// </summary>
public readonly record struct TimeInRanges(
    double VeryLowPercent,
    double LowPercent,
    double InRangePercent,
    double TightRangePercent,
    double HighPercent,
    double VeryHighPercent)
{
    public const double LongestWeighedGapMinutes = 45;

    /// <summary>GRI = min(100, 3.0 × very low + 2.4 × low + 1.6 × very high + 0.8 × high), in percent.</summary>
    public double Gri => Math.Min(100, 3.0 * VeryLowPercent + 2.4 * LowPercent + 1.6 * VeryHighPercent + 0.8 * HighPercent);

    /// <param name="sorted">At least one reading, sorted and de-duplicated.</param>
    /// <param name="dt0">dt0 in minutes; null only for a single reading, which then holds all the time.</param>
    public static TimeInRanges Measure(ReadOnlySpan<GlucoseReading> sorted, int? dt0)
    {
        Span<double> perBand = stackalloc double[5];
        double tight = 0, total = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var weight = WeightOf(sorted, i, dt0 ?? 1);
            var reading = sorted[i];
            perBand[(int)GlucoseBands.Classify(reading.Value, reading.Unit)] += weight;
            if (GlucoseBands.IsTight(reading.Value, reading.Unit)) tight += weight;
            total += weight;
        }

        return new TimeInRanges(
            Percent(perBand[(int)GlucoseBand.VeryLow], total),
            Percent(perBand[(int)GlucoseBand.Low], total),
            Percent(perBand[(int)GlucoseBand.InRange], total),
            Percent(tight, total),
            Percent(perBand[(int)GlucoseBand.High], total),
            Percent(perBand[(int)GlucoseBand.VeryHigh], total));
    }

    private static double WeightOf(ReadOnlySpan<GlucoseReading> sorted, int i, int dt0)
    {
        if (i == sorted.Length - 1) return dt0;
        var gap = (sorted[i + 1].Timestamp - sorted[i].Timestamp).TotalMinutes;
        return gap <= LongestWeighedGapMinutes ? gap : dt0;
    }

    private static double Percent(double part, double total) => 100.0 * part / total;
}
