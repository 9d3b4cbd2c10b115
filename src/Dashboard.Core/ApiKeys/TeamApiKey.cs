using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Teams;

namespace Dashboard.Core.ApiKeys;

/// <summary>A team's API key, stored only as a SHA-256 hash; callers send it in <c>x-vital-api-key</c>.</summary>
public sealed class TeamApiKey
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string KeyHash { get; set; }
    public required string Label { get; set; }

    /// <summary>The first characters of the secret, so an admin can tell keys apart without the secret.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>When the key last authenticated a call (recorded at most once a minute, see <see cref="ApiKeyLookup"/>).</summary>
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public static class SecretHash
{
    /// <summary>Lower-case hex SHA-256: how API keys and link tokens are stored and looked up.</summary>
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new random secret with a readable prefix, e.g. <c>lt_…</c>.</summary>
    public static string NewSecret(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
