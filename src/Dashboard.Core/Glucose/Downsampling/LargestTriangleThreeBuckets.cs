namespace Dashboard.Core.Glucose.Downsampling;

/// <summary>A point of a chart series: floating local time and a value in the unit shown.</summary>
public readonly record struct ChartPoint(DateTime Time, double Value)
{
    /// <summary>The readings as chart points in one unit (converted with the one factor of <see cref="GlucoseUnits"/>).</summary>
    public static ChartPoint[] From(ReadOnlySpan<GlucoseReading> readings, GlucoseUnit unit)
    {
        var points = new ChartPoint[readings.Length];
        for (var i = 0; i < readings.Length; i++)
        {
            points[i] = new ChartPoint(readings[i].Timestamp, GlucoseUnits.FromMgPerDl(readings[i].MgPerDl, unit));
        }

        return points;
    }
}

/// <summary>
/// Largest-triangle-three-buckets downsampling (Steinarsson 2013) that also keeps the extremes: the first
/// and last point, and the series' lowest and highest value, so a hypo or a peak never disappears from
/// a long chart. The result is in time order and has at most <c>maxPoints</c> points.
/// </summary>
public static class LargestTriangleThreeBuckets
{
    public static ChartPoint[] Downsample(ReadOnlySpan<ChartPoint> points, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 3);
        if (points.Length <= maxPoints) return points.ToArray();

        var (lowest, highest) = Extremes(points);
        var result = Downsample(points, maxPoints, lowest, highest);
        // Both extremes in one bucket add a point: one bucket fewer makes room for it.
        return result.Count <= maxPoints ? [.. result] : [.. Downsample(points, maxPoints - 1, lowest, highest)];
    }

    private static List<ChartPoint> Downsample(ReadOnlySpan<ChartPoint> points, int maxPoints, int lowest, int highest)
    {
        var result = new List<ChartPoint>(maxPoints + 1) { points[0] };
        var bucketSize = (double)(points.Length - 2) / (maxPoints - 2);
        var previous = 0;
        for (var bucket = 0; bucket < maxPoints - 2; bucket++)
        {
            var from = (int)(bucket * bucketSize) + 1;
            var to = Math.Min((int)((bucket + 1) * bucketSize) + 1, points.Length - 1);
            var holdsLowest = lowest >= from && lowest < to;
            var holdsHighest = highest >= from && highest < to;
            if (holdsLowest || holdsHighest)
            {
                if (holdsLowest && holdsHighest) result.Add(points[Math.Min(lowest, highest)]);
                previous = holdsLowest && holdsHighest ? Math.Max(lowest, highest) : holdsLowest ? lowest : highest;
                result.Add(points[previous]);
                continue;
            }

            previous = LargestTriangle(points, previous, from, to, NextBucketAverage(points, to, bucketSize));
            result.Add(points[previous]);
        }

        result.Add(points[^1]);
        return result;
    }

    private static int LargestTriangle(ReadOnlySpan<ChartPoint> points, int previous, int from, int to, (double X, double Y) next)
    {
        double ax = X(points, previous), ay = points[previous].Value;
        var best = from;
        var bestArea = -1.0;
        for (var i = from; i < to; i++)
        {
            var area = Math.Abs((ax - next.X) * (points[i].Value - ay) - (ax - X(points, i)) * (next.Y - ay));
            if (area > bestArea)
            {
                bestArea = area;
                best = i;
            }
        }

        return best;
    }

    private static (double X, double Y) NextBucketAverage(ReadOnlySpan<ChartPoint> points, int from, double bucketSize)
    {
        var to = Math.Min((int)(from + bucketSize), points.Length);
        if (to <= from) to = Math.Min(from + 1, points.Length);
        double x = 0, y = 0;
        for (var i = from; i < to; i++)
        {
            x += X(points, i);
            y += points[i].Value;
        }

        return (x / (to - from), y / (to - from));
    }

    /// <summary>Minutes since the first point: small numbers keep the triangle areas exact in double precision.</summary>
    private static double X(ReadOnlySpan<ChartPoint> points, int i) =>
        (points[i].Time.Ticks - points[0].Time.Ticks) / (double)TimeSpan.TicksPerMinute;

    private static (int Lowest, int Highest) Extremes(ReadOnlySpan<ChartPoint> points)
    {
        int lowest = 0, highest = 0;
        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].Value < points[lowest].Value) lowest = i;
            if (points[i].Value > points[highest].Value) highest = i;
        }

        return (lowest, highest);
    }
}
