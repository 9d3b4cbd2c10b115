using Dashboard.Benchmarks.Runner;

namespace Dashboard.Benchmarks.Measurements;

public sealed class PatientListLatency : IMeasurement
{
    public string Name => "PatientListLatency";

    public Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Result>>([]);
}
