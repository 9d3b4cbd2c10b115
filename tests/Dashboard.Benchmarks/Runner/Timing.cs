using System.Diagnostics;

namespace Dashboard.Benchmarks.Runner;

/// <summary>Stopwatch helpers: medians and percentiles of repeated runs, in milliseconds.</summary>
public static class Timing
{
    public static double Ms(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public static async Task<double> MsAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Median of <paramref name="runs"/> timed calls after <paramref name="warmups"/> untimed ones (JIT, caches).</summary>
    public static double MedianMs(int runs, Action action, int warmups = 3)
    {
        for (var i = 0; i < warmups; i++)
        {
            action();
        }
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            times[i] = Ms(action);
        }
        return Percentile(times, 50);
    }

    /// <summary>Nearest-rank percentile (p in 0–100) of the samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
