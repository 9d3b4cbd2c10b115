using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LibreView.Simulator.Accounts;

/// <summary>What a ticket grants: everything, or only one login step (<c>tou</c>, <c>pp</c>, <c>2fa</c>).</summary>
/// <param name="UserId">The account's id.</param>
/// <param name="Step">Null for a full ticket.</param>
/// <param name="MfaPassed">This login already passed two-factor (so later steps need not ask again).</param>
/// <param name="Generation">The account's password generation when issued.</param>
/// <param name="Expires">Unix seconds.</param>
internal sealed record TicketClaims(
    [property: JsonPropertyName("id")] string UserId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("step")] string? Step,
    [property: JsonPropertyName("m")] bool MfaPassed,
    [property: JsonPropertyName("g")] int Generation,
    [property: JsonPropertyName("exp")] long Expires,
    [property: JsonPropertyName("jti")] string Nonce);

/// <summary>
/// JWT-shaped HS256 tickets, so no ticket store grows: the claims travel in the token. The key derives from the seed,
/// so tickets survive a restart of a simulator with the same seed.
/// </summary>
internal sealed class TicketCodec(int seed)
{
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes($"libreview-simulator-ticket-key:{seed}"));

    public string Encode(TicketClaims claims)
    {
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return $"{Header}.{payload}.{Sign(Header + "." + payload)}";
    }

    public TicketClaims? Decode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        var expected = Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2]))) return null;
        try
        {
            return JsonSerializer.Deserialize<TicketClaims>(Convert.FromBase64String(FromBase64Url(parts[1])));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private string Sign(string data) => Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(data)));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string s)
    {
        var t = s.Replace('-', '+').Replace('_', '/');
        return t.PadRight(t.Length + (4 - t.Length % 4) % 4, '=');
    }
}
