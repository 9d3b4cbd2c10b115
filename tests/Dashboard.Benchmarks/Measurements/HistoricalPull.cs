using Dashboard.Benchmarks.Runner;

namespace Dashboard.Benchmarks.Measurements;

public sealed class HistoricalPull : IMeasurement
{
    public string Name => "HistoricalPull";

    public Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Result>>([]);
}
