namespace LibreView.Simulator.Accounts;

/// <summary>How LibreView shows a two-factor target: <c>j***@example.org</c>, <c>+44 *** *** 123</c>.</summary>
internal static class MfaMask
{
    public static string Email(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    public static string Phone(string phone)
    {
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        var last = digits.Length >= 3 ? digits[^3..] : digits;
        var trimmed = phone.Trim();
        var country = trimmed.StartsWith('+') ? trimmed.Split(' ', 2)[0] + " " : "";
        return $"{country}*** *** {last}";
    }
}
