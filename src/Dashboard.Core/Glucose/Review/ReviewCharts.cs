using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Agp;
using Dashboard.Core.Glucose.Downsampling;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// Builds the chart data of the review from the engine's results: AGP percentiles, per-day profiles and the detail
/// line, each downsampled with <see cref="LargestTriangleThreeBuckets"/> and rounded to the unit's display precision,
/// so a 90-day 5-minute patient stays well under 150 KB of chart data.
/// </summary>
public static class ReviewCharts
{
    /// <summary>No series sends more points to the browser (issue 8).</summary>
    public const int MaxSeriesPoints = 2000;

    /// <summary>A small daily chart needs no more: LTTB keeps each day's shape, lowest and highest value.</summary>
    public const int DailyProfilePoints = 48;

    /// <summary>350 mg/dL or 21 mmol/L: room for the sensor's highest readings, even ticks, the same scale on every chart.</summary>
    public static double GlucoseAxisMax(GlucoseUnit unit) => unit == GlucoseUnit.MmolPerL ? 21 : 350;

    public static TargetBand TargetOf(GlucoseUnit unit)
    {
        var bounds = GlucoseBands.For(unit);
        return new TargetBand(bounds.LowBelow, bounds.TargetUpTo);
    }

    public static AgpChart Agp(ReadOnlySpan<GlucoseReading> windowReadings, GlucoseUnit unit)
    {
        var slots = AgpProfile.Compute(windowReadings, unit);
        var outer = new List<RangePoint>();
        var inner = new List<RangePoint>();
        var median = new List<SeriesPoint>();
        var table = new List<AgpSlotRow>();
        double R(double? v) => GlucoseFormat.Round(v ?? 0, unit);
        string T(double? v) => GlucoseFormat.Number(R(v), GlucoseFormat.Decimals(unit));
        foreach (var slot in slots)
        {
            if (slot.Count == 0) continue;
            var x = slot.Start.Hour * 60 + slot.Start.Minute;
            outer.Add(new RangePoint(x, R(slot.P5), R(slot.P95)));
            inner.Add(new RangePoint(x, R(slot.P25), R(slot.P75)));
            median.Add(new SeriesPoint(x, R(slot.P50)));
            if (slot.Start.Minute == 0)
            {
                table.Add(new AgpSlotRow(GlucoseFormat.Clock(x), T(slot.P5), T(slot.P25), T(slot.P50), T(slot.P75), T(slot.P95)));
            }
        }

        return new AgpChart(outer, inner, median, TargetOf(unit), table);
    }

    /// <summary>One profile for every day from <paramref name="firstDay"/> to <paramref name="lastDay"/>, empty days included.</summary>
    public static IReadOnlyList<DailyProfile> DailyProfiles(ReadOnlySpan<GlucoseReading> windowReadings, DateOnly firstDay, DateOnly lastDay, GlucoseUnit unit)
    {
        var profiles = new List<DailyProfile>(lastDay.DayNumber - firstDay.DayNumber + 1);
        var i = 0;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            while (i < windowReadings.Length && DateOnly.FromDateTime(windowReadings[i].Timestamp) < day) i++;
            var from = i;
            while (i < windowReadings.Length && DateOnly.FromDateTime(windowReadings[i].Timestamp) == day) i++;
            profiles.Add(DailyProfile(day, windowReadings[from..i], unit));
        }

        return profiles;
    }

    public static IReadOnlyList<SeriesPoint> DetailLine(ReadOnlySpan<GlucoseReading> readings, GlucoseUnit unit) =>
        Downsample(readings, unit, MaxSeriesPoints, p => ChartTime.Milliseconds(p.Time));

    private static DailyProfile DailyProfile(DateOnly day, ReadOnlySpan<GlucoseReading> dayReadings, GlucoseUnit unit)
    {
        var metrics = GlucoseMetricsCalculator.Compute(dayReadings, MetricsWindow.Period(day, day));
        var points = Downsample(dayReadings, unit, DailyProfilePoints, p => ChartTime.MinuteOfDay(p.Time));
        return new DailyProfile(day, day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture), points,
            GlucoseFormat.Glucose(metrics.MeanMgdl, unit),
            GlucoseFormat.Percent(metrics.TimeInRangePercent),
            GlucoseFormat.Percent(metrics.TimeLowPercent + metrics.TimeVeryLowPercent),
            GlucoseFormat.Percent(metrics.TimeHighPercent + metrics.TimeVeryHighPercent))
        { Metrics = metrics };
    }

    private static SeriesPoint[] Downsample(ReadOnlySpan<GlucoseReading> readings, GlucoseUnit unit, int maxPoints, Func<ChartPoint, double> x)
    {
        var points = LargestTriangleThreeBuckets.Downsample(ChartPoint.From(readings, unit), maxPoints);
        var result = new SeriesPoint[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            result[i] = new SeriesPoint(x(points[i]), GlucoseFormat.Round(points[i].Value, unit));
        }

        return result;
    }
}
