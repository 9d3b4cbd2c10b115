namespace Dashboard.Core.Glucose.Metrics;

/// <summary>
/// Sample quantiles by R's default rule (Hyndman–Fan type 7, as iglu and R's quantile() use):
/// on n sorted values x[0..n−1], h = (n − 1) × p and Q(p) = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]).
/// </summary>
public static class Quantiles
{
    public static double Type7(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty) throw new ArgumentException("needs at least one value", nameof(sorted));
        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        return below + 1 >= sorted.Length ? sorted[^1] : sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }
}
