using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Core.Events.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> + base64 of 32 random bytes, encrypted at rest.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";
    private readonly IDataProtector _protector = protection.CreateProtector("Dashboard.Webhooks.Secret.v1");

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The secrets that sign for <paramref name="endpoint"/> now: the current one, and the previous one while it overlaps.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookEndpoint endpoint, DateTime now) =>
        endpoint.ProtectedPreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now
            ? [Unprotect(endpoint.ProtectedSecret), Unprotect(previous)]
            : [Unprotect(endpoint.ProtectedSecret)];
}
