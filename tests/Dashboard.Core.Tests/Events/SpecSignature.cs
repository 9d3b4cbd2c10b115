using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Tests.Events;

/// <summary>
/// An independent reading of the Standard Webhooks spec, written from the spec and not from the product's code:
/// the key is the base64 after <c>whsec_</c>; the signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>;
/// <c>webhook-signature</c> is a space-separated list of <c>v1,{base64 HMAC-SHA256}</c>; compare in constant time;
/// refuse timestamps more than five minutes away from now.
/// </summary>
public static class SpecSignature
{
    public static bool IsValid(string secret, string messageId, string timestamp, string body, string signatureHeader, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 5 * 60)
        {
            return false;
        }
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && TryDecode(parts[1], out var given) && CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsValid(string secret, ReceivedWebhook received, DateTimeOffset now) =>
        IsValid(secret, received.MessageId, received.Headers["webhook-timestamp"].ToString(), received.Body,
            received.Headers["webhook-signature"].ToString(), now);

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
