using Dashboard.Core.Users;

namespace Dashboard.Core.Linking;

/// <summary>
/// A short-lived, single-use credential for the Link widget and link calls. Only its hash is stored.
/// While a password login waits for its two-factor code, the pending LibreView step rides on the token
/// (encrypted) so that <c>complete_mfa</c> must come with the same token.
/// </summary>
public sealed class LinkToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string TokenHash { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public Guid TeamId { get; set; }

    /// <summary>When set, the only provider this token may link.</summary>
    public string? Provider { get; set; }
    public string? RedirectUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ConsumedAt { get; set; }

    /// <summary>Encrypted pending two-factor state (Data Protection), or null.</summary>
    public string? PendingMfa { get; set; }

    /// <summary>Two-factor codes tried with this token (<see cref="LinkTokenService.MaxMfaCodeAttempts"/> at most).</summary>
    public int MfaCodeAttempts { get; set; }
}
