using Dashboard.Core.Users;

namespace Dashboard.Core.Connections;

/// <summary>A patient's link to LibreView through one provider.</summary>
public sealed class Connection
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public User? User { get; set; }

    /// <summary>Provider slug: <c>abbott_libreview</c> or <c>freestyle_libre</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>LibreView region code the account resolved to (e.g. <c>de</c>).</summary>
    public string? Region { get; set; }
    public string? PracticeId { get; set; }
    public string? ExternalUserId { get; set; }
    public ConnectionStatus Status { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime? ErroredAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// What later syncs need to sign in again (LibreView username, password, last session), encrypted with
    /// ASP.NET Core Data Protection. Never returned by any API.
    /// </summary>
    public string? ProtectedCredentials { get; set; }
}

public static class Providers
{
    public const string AbbottLibreView = "abbott_libreview";
    public const string FreeStyleLibre = "freestyle_libre";

    public static IReadOnlyList<string> All { get; } = [AbbottLibreView, FreeStyleLibre];

    public static string DisplayName(string slug) => slug switch
    {
        AbbottLibreView => "Abbott LibreView",
        FreeStyleLibre => "FreeStyle Libre",
        _ => slug,
    };
}

public enum ConnectionStatus
{
    Connected,
    Error,
}
