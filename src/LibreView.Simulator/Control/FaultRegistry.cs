using System.Collections.Concurrent;

namespace LibreView.Simulator.Control;

/// <summary>Faults injected into one region's API (never into <c>/_sim</c>).</summary>
public sealed record FaultSettings
{
    /// <summary>Delay added to every request, in milliseconds.</summary>
    public int LatencyMs { get; init; }
    /// <summary>Share (0..1) of requests answered HTTP 503.</summary>
    public double ServerErrorShare { get; init; }
    /// <summary>Share (0..1) of requests answered HTTP 429 with <see cref="RetryAfterSeconds"/>.</summary>
    public double TooManyRequestsShare { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>Share (0..1) of answers whose body is cut in half.</summary>
    public double TruncatedShare { get; init; }
    /// <summary>The next N requests get HTTP 503 (deterministic, for tests).</summary>
    public int FailNext { get; init; }
}

/// <summary>The faults of every region, and the decision for each request.</summary>
public sealed class FaultRegistry
{
    private readonly ConcurrentDictionary<string, FaultSettings> _byRegion = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _failNext = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string region, FaultSettings faults)
    {
        _byRegion[region] = faults;
        _failNext[region] = faults.FailNext;
    }

    public FaultSettings Get(string region) => _byRegion.GetValueOrDefault(region) ?? new FaultSettings();

    public IReadOnlyDictionary<string, FaultSettings> All => _byRegion.ToDictionary(kv => kv.Key, kv => kv.Value with { FailNext = _failNext.GetValueOrDefault(kv.Key) });

    public void Clear()
    {
        _byRegion.Clear();
        _failNext.Clear();
    }

    /// <summary>Takes one of the deterministic failures of the region, if any are left.</summary>
    internal bool TakeFailNext(string region)
    {
        while (true)
        {
            var left = _failNext.GetValueOrDefault(region);
            if (left <= 0) return false;
            if (_failNext.TryUpdate(region, left - 1, left)) return true;
        }
    }
}
