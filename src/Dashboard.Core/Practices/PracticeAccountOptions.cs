using Dashboard.Core.Teams;

namespace Dashboard.Core.Practices;

/// <summary>
/// Our own LibreView care-team-admin accounts (section <c>LibreView:PracticeAccounts</c>), one per environment and,
/// where LibreView keeps accounts apart, per API region. Patient search signs in with these.
/// </summary>
public sealed class PracticeAccountOptions
{
    public List<PracticeAccount> PracticeAccounts { get; set; } = [];

    public PracticeAccount? For(TeamEnvironment environment, string apiRegion) =>
        PracticeAccounts.FirstOrDefault(a => a.Environment == environment && string.Equals(a.Region, apiRegion, StringComparison.OrdinalIgnoreCase))
        ?? PracticeAccounts.FirstOrDefault(a => a.Environment == environment && string.IsNullOrEmpty(a.Region));
}

public sealed class PracticeAccount
{
    public TeamEnvironment Environment { get; set; }

    /// <summary>LibreView API region of the account; empty: any region (the client follows the redirect).</summary>
    public string? Region { get; set; }
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>A trusted-device token from an earlier sign-in, so the first unattended login needs no code.</summary>
    public string? TrustedDeviceToken { get; set; }

    /// <summary>Identifies the account's shared session in the store.</summary>
    public string Key => $"{Environment}|{(Region ?? "").ToLowerInvariant()}|{Email.Trim().ToLowerInvariant()}";

    /// <summary>The address patients are told to invite as Care Team Admin for a custom practice.</summary>
    public string InviteEmail => Email;
}
