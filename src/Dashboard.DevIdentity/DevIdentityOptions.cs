namespace Dashboard.DevIdentity;

/// <summary>Settings of the development OpenID Connect provider, bound from the <c>DevIdentity</c> section.</summary>
public sealed class DevIdentityOptions
{
    public const string SectionName = "DevIdentity";

    /// <summary>Client id of the console; a public client that must use PKCE.</summary>
    public const string ClientId = "dashboard-web";

    /// <summary>Cookie scheme of the provider's own sign-in session (distinct from the app's cookie).</summary>
    public const string CookieScheme = "DevIdentity";

    public const string SignInPath = "/connect/signin";

    public bool Enabled { get; set; }

    public List<DevUser> Users { get; set; } = [];

    public DevUser? FindUser(string? email) =>
        Users.FirstOrDefault(u => string.Equals(u.Email, email?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A seeded person who can sign in at the development provider.</summary>
public sealed class DevUser
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";

    /// <summary>Sent as the <c>email_verified</c> claim; false lets tests play a provider that has not verified the address.</summary>
    public bool EmailVerified { get; set; } = true;

    /// <summary>The <c>sub</c> claim; by default the lower-case email. A different value plays another account claiming the same email.</summary>
    public string? Subject { get; set; }
}
