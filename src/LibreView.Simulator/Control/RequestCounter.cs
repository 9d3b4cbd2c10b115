using System.Collections.Concurrent;

namespace LibreView.Simulator.Control;

/// <summary>
/// Counts API requests per endpoint of the reference's list (e.g. <c>POST /auth/login</c>) and requests to any path
/// the list does not have, so a test can prove a client only calls listed paths.
/// </summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _byEndpoint = new(StringComparer.Ordinal);
    private long _unlisted;

    public IReadOnlyDictionary<string, long> ByEndpoint => new SortedDictionary<string, long>(_byEndpoint, StringComparer.Ordinal);

    public long Unlisted => Interlocked.Read(ref _unlisted);

    public long Of(string endpoint) => _byEndpoint.GetValueOrDefault(endpoint);

    internal void Count(string endpoint) => _byEndpoint.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    internal void CountUnlisted() => Interlocked.Increment(ref _unlisted);

    internal void Clear()
    {
        _byEndpoint.Clear();
        Interlocked.Exchange(ref _unlisted, 0);
    }
}
