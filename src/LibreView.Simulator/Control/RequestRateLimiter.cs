using System.Collections.Concurrent;

namespace LibreView.Simulator.Control;

/// <summary>A fixed one-minute window per caller; answers how long a caller over the limit must wait.</summary>
internal sealed class RequestRateLimiter
{
    private readonly ConcurrentDictionary<string, (long Window, int Count)> _callers = new();

    /// <returns>Null when allowed, else the time until the window ends.</returns>
    public TimeSpan? Check(string caller, int perMinute, DateTimeOffset now)
    {
        if (perMinute <= 0) return null;
        var window = now.ToUnixTimeSeconds() / 60;
        var entry = _callers.AddOrUpdate(caller, _ => (window, 1), (_, e) => e.Window == window ? (window, e.Count + 1) : (window, 1));
        if (entry.Count <= perMinute) return null;
        var seconds = (window + 1) * 60 - now.ToUnixTimeSeconds();
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    public void Clear() => _callers.Clear();
}
