using System.Security.Cryptography;
using System.Text;

namespace LibreView.Simulator.Endpoints;

internal static class Ids
{
    /// <summary>A UUID derived from <paramref name="text"/>, the same on every run.</summary>
    public static string Stable(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes).ToString();
    }

    public static string Random() => Guid.NewGuid().ToString();
}
