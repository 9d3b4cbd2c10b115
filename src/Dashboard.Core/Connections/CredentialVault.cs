using System.Text.Json;
using LibreView.Client;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Core.Connections;

/// <summary>What a connection keeps to sign in again later: the patient's LibreView login and last session.</summary>
public sealed record StoredCredentials(string Email, string Password, LibreViewSession? Session)
{
    public LibreViewCredentials ToLogin(string? region) => new(Email, Password, region, Session?.TrustedDeviceToken);
}

/// <summary>A two-factor step waiting on a link token, with the login it belongs to.</summary>
public sealed record PendingMfa(MfaChallenge Challenge, string Email, string Password);

/// <summary>Encrypts secrets at rest with ASP.NET Core Data Protection (keys persisted in the store).</summary>
public sealed class CredentialVault(IDataProtectionProvider protection)
{
    private readonly IDataProtector _credentials = protection.CreateProtector("Dashboard.Connections.Credentials.v1");
    private readonly IDataProtector _pendingMfa = protection.CreateProtector("Dashboard.Linking.PendingMfa.v1");
    private readonly IDataProtector _practiceAccounts = protection.CreateProtector("Dashboard.Practices.AccountSessions.v1");

    public string Protect(StoredCredentials credentials) => _credentials.Protect(JsonSerializer.Serialize(credentials));

    public StoredCredentials? UnprotectCredentials(string? protectedText) =>
        protectedText is null ? null : JsonSerializer.Deserialize<StoredCredentials>(_credentials.Unprotect(protectedText));

    public string Protect(PendingMfa pending) => _pendingMfa.Protect(JsonSerializer.Serialize(pending));

    public PendingMfa? UnprotectPendingMfa(string? protectedText) =>
        protectedText is null ? null : JsonSerializer.Deserialize<PendingMfa>(_pendingMfa.Unprotect(protectedText));

    /// <summary>A practice account's session, trusted device or pending challenge (one purpose for all three).</summary>
    public string ProtectPracticeSecret<T>(T value) => _practiceAccounts.Protect(JsonSerializer.Serialize(value));

    public T? UnprotectPracticeSecret<T>(string? protectedText) where T : class =>
        protectedText is null ? null : JsonSerializer.Deserialize<T>(_practiceAccounts.Unprotect(protectedText));
}
