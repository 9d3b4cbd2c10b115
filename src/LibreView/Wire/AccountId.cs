using System.Security.Cryptography;
using System.Text;

namespace LibreView.Wire;

/// <summary>The <c>Account-Id</c> header LibreView requires after login: lower-case hex SHA-256 of <c>user.id</c>.</summary>
public static class AccountId
{
    public static string FromUserId(string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
}
