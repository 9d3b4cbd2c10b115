namespace Dashboard.Benchmarks.Runner;

/// <summary>The command line: <c>[--quick] [--out FILE.json] [--only NAME,…]</c>, and the sizes each mode uses.</summary>
public sealed record BenchmarkOptions(bool Quick, string OutFile, IReadOnlySet<string> Only)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var quick = false;
        string? outFile = null;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outFile = args[++i];
                    break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--quick] [--out FILE.json] [--only {string.Join(',', MeasurementCatalog.Names)}]");
            }
        }
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        return new BenchmarkOptions(quick, Path.GetFullPath(outFile ?? $"benchmark-results-{(quick ? "quick" : "full")}-{stamp}.json"), only);
    }

    public string Mode => Quick ? "quick" : "full";

    public bool Runs(string name) => Only.Count == 0 || Only.Contains(name);

    // Write throughput: readings per repetition and repetitions per side.
    public int WriteReadings => Quick ? 26_000 : 104_000;
    public int WriteRepetitions => Quick ? 2 : 5;

    // Patient list: store size and timed page queries per combination.
    public int Patients => Quick ? 10_000 : 100_000;
    public long Readings => Quick ? 1_000_000 : 10_000_000;
    public int QueryRepetitions => Quick ? 15 : 40;

    // Glucose engine: timed runs per figure.
    public int EngineRuns => Quick ? 15 : 51;

    // Historical pull: 90 days each side, this many times (one repetition was too noisy on a shared machine: 0.35–1.2).
    public int PullRepetitions => Quick ? 5 : 15;

    // Sync at scale: connections due at once, and timed passes per side (engine, client alone).
    public int SyncConnections => Quick ? 1_000 : 10_000;
    public int SyncRepetitions => Quick ? 2 : 3;

    // Live console: concurrent circuits and interactive updates per circuit.
    public int Circuits => Quick ? 10 : 100;
    public int UpdatesPerCircuit => Quick ? 3 : 5;
}
