using Dashboard.Core.Linking;

namespace Dashboard.Core.Connections;

/// <summary>How the console groups a patient's connection state (the status chip and the status filter).</summary>
public enum ConnectionHealth
{
    Connected,
    CredentialError,
    PasswordExpired,
    AwaitingShare,
    OtherError,
    NotConnected,
}

public static class ConnectionHealthRules
{
    public static ConnectionHealth Classify(ConnectionStatus? status, string? errorType) => (status, errorType) switch
    {
        (null, _) => ConnectionHealth.NotConnected,
        (ConnectionStatus.Connected, _) => ConnectionHealth.Connected,
        (_, LinkErrorTypes.ProviderCredentialError) => ConnectionHealth.CredentialError,
        (_, LinkErrorTypes.ProviderPasswordExpired) => ConnectionHealth.PasswordExpired,
        (_, LinkErrorTypes.UserNotFound) => ConnectionHealth.AwaitingShare,
        _ => ConnectionHealth.OtherError,
    };

    public static string Label(ConnectionHealth health) => health switch
    {
        ConnectionHealth.Connected => "Connected",
        ConnectionHealth.CredentialError => "Credential error",
        ConnectionHealth.PasswordExpired => "Password expired",
        ConnectionHealth.AwaitingShare => "Awaiting share",
        ConnectionHealth.OtherError => "Other error",
        _ => "Not connected",
    };

    /// <summary>Re-connect guidance (DESIGN §5) applies to these two: the patient must change or re-enter a password.</summary>
    public static bool NeedsReconnect(ConnectionHealth health) =>
        health is ConnectionHealth.CredentialError or ConnectionHealth.PasswordExpired;

    /// <summary>The URL/query value of a health filter, e.g. <c>password_expired</c>.</summary>
    public static string Slug(ConnectionHealth health) => health switch
    {
        ConnectionHealth.Connected => "connected",
        ConnectionHealth.CredentialError => "credential_error",
        ConnectionHealth.PasswordExpired => "password_expired",
        ConnectionHealth.AwaitingShare => "awaiting_share",
        ConnectionHealth.OtherError => "other_error",
        _ => "not_connected",
    };

    public static ConnectionHealth? FromSlug(string? slug) =>
        Enum.GetValues<ConnectionHealth>().Cast<ConnectionHealth?>().FirstOrDefault(h => Slug(h!.Value) == slug);
}
