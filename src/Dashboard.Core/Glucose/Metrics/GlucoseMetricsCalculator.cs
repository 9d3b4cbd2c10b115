using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Glucose.Metrics;

/// <summary>
/// The one implementation of DESIGN §8 used by the UI, the API, the patient list and the command line.
/// Pure and allocation-light: one pass for the mean, one for the SD, one for the time weights, and a
/// pooled buffer for the median gap.
/// </summary>
public static class GlucoseMetricsCalculator
{
    /// <summary>GMI (%) = 3.31 + 0.02392 × mean mg/dL (Bergenstal 2018).</summary>
    public static double GmiPercent(double meanMgdl) => 3.31 + 0.02392 * meanMgdl;

    public static GlucoseMetrics Compute(GlucoseSeries series, MetricsWindow window) =>
        Compute(series.In(window), window);

    /// <param name="windowReadings">The readings of the window, sorted and de-duplicated (see <see cref="GlucoseSeries"/>).</param>
    /// <param name="window">Decides the active-time rule: iglu's for the whole series, n × dt0 / period otherwise.</param>
    public static GlucoseMetrics Compute(ReadOnlySpan<GlucoseReading> windowReadings, MetricsWindow window)
    {
        var n = windowReadings.Length;
        if (n == 0) return GlucoseMetrics.Empty(window);

        var mean = MeanMgdl(windowReadings);
        double? sd = n > 1 ? SampleSdMgdl(windowReadings, mean) : null;
        var dt0 = SamplingInterval.Dt0Minutes(windowReadings);
        var time = TimeInRanges.Measure(windowReadings, dt0);
        var gri = time.Gri;
        return new GlucoseMetrics(
            window,
            n,
            windowReadings[0].Timestamp,
            windowReadings[^1].Timestamp,
            mean,
            sd,
            100 * sd / mean,
            GmiPercent(mean),
            ActivePercent(windowReadings, window, dt0),
            time.VeryLowPercent,
            time.LowPercent,
            time.InRangePercent,
            time.TightRangePercent,
            time.HighPercent,
            time.VeryHighPercent,
            gri,
            GriZones.From(gri),
            dt0);
    }

    private static double? ActivePercent(ReadOnlySpan<GlucoseReading> readings, MetricsWindow window, int? dt0)
    {
        if (window.Minutes is { } periodMinutes)
        {
            return dt0 is { } d ? SamplingInterval.PeriodActivePercent(readings.Length, d, periodMinutes) : null;
        }

        // A single reading: expected = round(0 / dt0) + 1 = 1 and nothing is missing, whatever dt0 is.
        return SamplingInterval.WholeSeriesActivePercent(readings, dt0 ?? 1);
    }

    private static double MeanMgdl(ReadOnlySpan<GlucoseReading> readings)
    {
        double sum = 0;
        foreach (var r in readings) sum += r.MgPerDl;
        return sum / readings.Length;
    }

    private static double SampleSdMgdl(ReadOnlySpan<GlucoseReading> readings, double mean)
    {
        double squares = 0;
        foreach (var r in readings)
        {
            var d = r.MgPerDl - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (readings.Length - 1));
    }
}
