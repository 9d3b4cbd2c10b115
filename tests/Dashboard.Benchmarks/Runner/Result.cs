namespace Dashboard.Benchmarks.Runner;

/// <summary>
/// One row of the table: a figure, its baseline from the same run (when it has one), the goal and whether it was met.
/// <see cref="Value"/> and <see cref="Baseline"/> are in <see cref="Unit"/>.
/// </summary>
public sealed record Result(
    string Figure,
    double Value,
    string Unit,
    double? Baseline,
    string? BaselineLabel,
    string Goal,
    bool? Met,
    string? Note = null)
{
    /// <summary>Value over baseline (a rate ratio for throughputs, a time ratio for latencies).</summary>
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
