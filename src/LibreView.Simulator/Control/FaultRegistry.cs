using System.Collections.Concurrent;

namespace LibreView.Simulator.Control;

/// <summary>The blocks of reference §6, as the simulator can answer them.</summary>
public static class Blocks
{
    /// <summary>HTTP 403, Cloudflare's "Attention Required!" page.</summary>
    public const string Cloudflare403 = "cloudflare403";
    /// <summary>HTTP 429 with an HTML body.</summary>
    public const string Cloudflare429 = "cloudflare429";
    /// <summary>HTTP 429 "Too Many Requests" in plain text, not Cloudflare's: the per-account limit (§6; the body is assumed).</summary>
    public const string Http429 = "http429";
    /// <summary>HTTP 429, Cloudflare's error 1015 page ("You are being rate limited").</summary>
    public const string Cloudflare1015 = "cloudflare1015";
    /// <summary>HTTP 430 with an empty body.</summary>
    public const string Http430 = "http430";
    /// <summary>HTTP 200 <c>{"status":911}</c>.</summary>
    public const string Status911 = "status911";
    /// <summary>HTTP 400 <c>{"message":"ProductMismatch"}</c>.</summary>
    public const string ProductMismatch = "productMismatch";
    /// <summary>HTTP 400 <c>{"message":"RequiredHeaderMissing"}</c>.</summary>
    public const string RequiredHeaderMissing = "requiredHeaderMissing";
    /// <summary>HTTP 401 <c>{"message":"invalid or expired jwt"}</c> on authenticated calls.</summary>
    public const string ExpiredJwt = "expiredJwt";

    public static readonly IReadOnlyList<string> All =
        [Cloudflare403, Cloudflare429, Http429, Cloudflare1015, Http430, Status911, ProductMismatch, RequiredHeaderMissing, ExpiredJwt];
}

/// <summary>Faults injected into one region's API (never into <c>/_sim</c>).</summary>
public sealed record FaultSettings
{
    /// <summary>Delay added to every request, in milliseconds.</summary>
    public int LatencyMs { get; init; }
    /// <summary>Share (0..1) of requests answered HTTP 503.</summary>
    public double ServerErrorShare { get; init; }
    /// <summary>Share (0..1) of answers whose body is cut in half.</summary>
    public double TruncatedShare { get; init; }
    /// <summary>The next N requests get HTTP 503 (deterministic, for tests).</summary>
    public int FailNext { get; init; }
    /// <summary>One of <see cref="Blocks"/>: how the region refuses requests.</summary>
    public string? Block { get; init; }
    /// <summary>How many requests <see cref="Block"/> refuses; 0 = every request until cleared.</summary>
    public int BlockNext { get; init; }
    /// <summary>The long-poll answers <c>started</c> for ever: the report never finishes.</summary>
    public bool LongPollNeverCompletes { get; init; }
    /// <summary>The report channel address <c>POST /reports</c> hands back names this host instead of the simulator's (a stranger's, for the client's allow-list).</summary>
    public string? HandBackHost { get; init; }
}

/// <summary>The faults of every region, and the decision for each request.</summary>
public sealed class FaultRegistry
{
    private readonly ConcurrentDictionary<string, FaultSettings> _byRegion = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _failNext = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _blockNext = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string region, FaultSettings faults)
    {
        if (faults.Block is { } block && !Blocks.All.Contains(block))
            throw new ArgumentException($"Unknown block '{block}'; use one of {string.Join(", ", Blocks.All)}");
        _byRegion[region] = faults;
        _failNext[region] = faults.FailNext;
        _blockNext[region] = faults.BlockNext;
    }

    public FaultSettings Get(string region) => _byRegion.GetValueOrDefault(region) ?? new FaultSettings();

    public IReadOnlyDictionary<string, FaultSettings> All => _byRegion.ToDictionary(kv => kv.Key,
        kv => kv.Value with { FailNext = _failNext.GetValueOrDefault(kv.Key), BlockNext = _blockNext.GetValueOrDefault(kv.Key) });

    public void Clear()
    {
        _byRegion.Clear();
        _failNext.Clear();
        _blockNext.Clear();
    }

    /// <summary>Takes one of the deterministic failures of the region, if any are left.</summary>
    internal bool TakeFailNext(string region) => Take(_failNext, region);

    /// <summary>The block to answer this request with, if the region has one that applies to it.</summary>
    internal string? TakeBlock(string region, bool authenticated)
    {
        var faults = Get(region);
        if (faults.Block is not { } block) return null;
        if (block == Blocks.ExpiredJwt && !authenticated) return null;
        if (faults.BlockNext == 0) return block;
        return Take(_blockNext, region) ? block : null;
    }

    private static bool Take(ConcurrentDictionary<string, int> counters, string region)
    {
        while (true)
        {
            var left = counters.GetValueOrDefault(region);
            if (left <= 0) return false;
            if (counters.TryUpdate(region, left - 1, left)) return true;
        }
    }
}
