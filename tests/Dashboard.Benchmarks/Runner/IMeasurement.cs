namespace Dashboard.Benchmarks.Runner;

/// <summary>One measurement: generates its own data, runs, and returns its rows of the table.</summary>
public interface IMeasurement
{
    /// <summary>Short name for <c>--only</c>.</summary>
    string Name { get; }

    Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct);
}
