using System.Buffers;

namespace Dashboard.Core.Glucose.Metrics;

/// <summary>dt0 and % time CGM active, exactly as DESIGN §8 defines them (after the R package iglu).</summary>
public static class SamplingInterval
{
    /// <summary>
    /// dt0: the median of the gaps between consecutive readings, in minutes, rounded to a whole minute
    /// half to even (R's round); null with fewer than two readings.
    /// </summary>
    public static int? Dt0Minutes(ReadOnlySpan<GlucoseReading> sorted)
    {
        if (sorted.Length < 2) return null;
        var gaps = ArrayPool<long>.Shared.Rent(sorted.Length - 1);
        try
        {
            var span = gaps.AsSpan(0, sorted.Length - 1);
            for (var i = 0; i < span.Length; i++) span[i] = (sorted[i + 1].Timestamp - sorted[i].Timestamp).Ticks;
            span.Sort();
            var middle = span.Length / 2;
            var medianTicks = span.Length % 2 == 1 ? span[middle] : (span[middle - 1] + span[middle]) / 2.0;
            var minutes = (int)Math.Round(medianTicks / TimeSpan.TicksPerMinute, MidpointRounding.ToEven);
            return Math.Max(1, minutes); // sub-minute data would make dt0 zero and every later division meaningless
        }
        finally
        {
            ArrayPool<long>.Shared.Return(gaps);
        }
    }

    /// <summary>
    /// iglu's automatic active_percent for the whole series:
    /// expected = round(round(span minutes) / dt0) + 1;
    /// missing = round((Σ gaps with round(gap) &gt; dt0 − their count × dt0) / dt0);
    /// active = 100 × (expected − missing) / expected.
    /// </summary>
    public static double WholeSeriesActivePercent(ReadOnlySpan<GlucoseReading> sorted, int dt0)
    {
        if (sorted.IsEmpty) return 0;
        var spanMinutes = (sorted[^1].Timestamp - sorted[0].Timestamp).TotalMinutes;
        var expected = RoundR(RoundR(spanMinutes) / dt0) + 1;
        double longGapMinutes = 0;
        var longGaps = 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = (sorted[i].Timestamp - sorted[i - 1].Timestamp).TotalMinutes;
            if (RoundR(gap) <= dt0) continue;
            longGapMinutes += gap;
            longGaps++;
        }

        var missing = RoundR((longGapMinutes - longGaps * dt0) / dt0);
        return 100.0 * (expected - missing) / expected;
    }

    /// <summary>For "last N days" or a chosen period: 100 × min(1, n × dt0 / period minutes).</summary>
    public static double PeriodActivePercent(int readings, int dt0, double periodMinutes) =>
        100.0 * Math.Min(1.0, readings * dt0 / periodMinutes);

    /// <summary>R's round(): half to even.</summary>
    private static double RoundR(double value) => Math.Round(value, MidpointRounding.ToEven);
}
