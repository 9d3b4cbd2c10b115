using Dashboard.Benchmarks.Runner;

namespace Dashboard.Benchmarks.Measurements;

public sealed class ReviewPayload : IMeasurement
{
    public string Name => "ReviewPayload";

    public Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Result>>([]);
}
