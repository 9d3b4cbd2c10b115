using Dashboard.Benchmarks.Runner;

namespace Dashboard.Benchmarks.Measurements;

public sealed class LiveConsoleCircuits : IMeasurement
{
    public string Name => "LiveConsoleCircuits";

    public Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Result>>([]);
}
