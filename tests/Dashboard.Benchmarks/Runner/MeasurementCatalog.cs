using Dashboard.Benchmarks.Measurements;

namespace Dashboard.Benchmarks.Runner;

/// <summary>Every measurement, in the order of the table.</summary>
public static class MeasurementCatalog
{
    public static IReadOnlyList<IMeasurement> All { get; } =
    [
        new WriteThroughput(),
        new DurableCommits(),
        new PatientListLatency(),
        new PostgreSqlWriteThroughput(),
        new PostgreSqlPatientListLatency(),
        new GlucoseEngine(),
        new HistoricalPull(),
        new SyncAtScale(),
        new ReviewPayload(),
        new ReviewUi(),
        new TriageLatency(),
        new CsvUploadMemory(),
        new LiveConsoleCircuits(),
        new CircuitLoad(),
        new ApiLoad(),
    ];

    public static IEnumerable<string> Names => All.Select(m => m.Name);
}
