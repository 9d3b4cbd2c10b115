using Dashboard.Core.Teams;

namespace Dashboard.Core.ApiKeys;

/// <summary>
/// The team API keys this instance has recently found live in the store, by hash, each trusted for
/// <see cref="Lifetime"/> after it was checked. Without it every API call hashed its key and asked the store twice
/// (key, then team with its organisation): half the store round trips of a burst of user reads and writes (issue 19,
/// docs/performance.md "API bursts").
/// <para>What that costs: a key revoked through this instance (<see cref="TeamApiKeys.RevokeAsync"/>) is refused at
/// once, here; a key revoked on another instance, or in the store by other means, is still accepted here for at most
/// <see cref="Lifetime"/>. Unknown and revoked keys are never remembered, so a wrong key always reaches the store (and
/// the rate limiter's per-address limit).</para>
/// </summary>
public sealed class VerifiedApiKeys(TimeProvider time)
{
    /// <summary>How long a key found live is trusted without asking the store again: the longest a revocation made on another instance takes to reach this one.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <param name="Team">Read without tracking and shared by every request that presents the key: read it, never change it.</param>
    private sealed record Entry(Team Team, DateTimeOffset CheckedAt);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Counts the revocations made here: a store check that began before one must not be remembered after it.</summary>
    private long _revocations;

    /// <summary>The team of a key checked less than <see cref="Lifetime"/> ago; null when the store must be asked.</summary>
    public Team? Find(string keyHash)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(keyHash, out var entry)) return null;
            if (time.GetUtcNow() - entry.CheckedAt < Lifetime) return entry.Team;
            _entries.Remove(keyHash); // expired: a key nobody presents again does not stay
            return null;
        }
    }

    /// <summary>Where a store check began: which revocations it may have missed, and when (its key is trusted from then).</summary>
    public readonly record struct Check(long Revocations, DateTimeOffset StartedAt);

    /// <summary>Call before asking the store; pass the value to <see cref="Remember"/>.</summary>
    public Check BeforeCheck()
    {
        lock (_lock)
        {
            return new Check(_revocations, time.GetUtcNow());
        }
    }

    /// <summary>
    /// Remembers a key the store has just found live, unless a key was revoked here since the check began (that check
    /// may have read the key before the revocation committed).
    /// </summary>
    public void Remember(string keyHash, Team team, Check check)
    {
        lock (_lock)
        {
            if (_revocations != check.Revocations) return;
            _entries[keyHash] = new Entry(team, check.StartedAt);
        }
    }

    /// <summary>After a revocation has committed: the key is refused here from now on.</summary>
    public void Revoked(string keyHash)
    {
        lock (_lock)
        {
            _revocations++;
            _entries.Remove(keyHash);
        }
    }
}
