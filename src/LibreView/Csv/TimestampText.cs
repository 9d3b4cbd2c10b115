namespace LibreView.Csv;

/// <summary>
/// The numbers of one timestamp cell split without interpreting them: three date numbers separated by
/// '-', '/' or '.', then h:mm or h:mm:ss and an optional AM/PM. Which date number is the day is decided
/// later for the whole column.
/// </summary>
internal readonly record struct TimestampText(
    string Raw,
    int DateFirst,
    int DateFirstDigits,
    int DateSecond,
    int DateThird,
    int Hour,
    int Minute,
    int Second,
    bool? Pm)
{
    public bool HasAmPm => Pm is not null;

    public bool TryGet24Hour(out int hour)
    {
        hour = Hour;
        if (Pm is null)
        {
            return Hour <= 23;
        }

        if (Hour is < 1 or > 12)
        {
            return false;
        }

        hour = Hour % 12 + (Pm.Value ? 12 : 0);
        return true;
    }

    public static bool TryRead(string raw, out TimestampText text)
    {
        text = default;
        var s = raw.AsSpan().Trim();
        var pos = 0;
        if (!TryNumber(s, ref pos, out var first, out var firstDigits) || !TrySeparator(s, ref pos, "-/.")
            || !TryNumber(s, ref pos, out var second, out _) || !TrySeparator(s, ref pos, "-/.")
            || !TryNumber(s, ref pos, out var third, out _))
        {
            return false;
        }

        if (!SkipSpaces(s, ref pos) || !TryNumber(s, ref pos, out var hour, out _)
            || !TrySeparator(s, ref pos, ":") || !TryNumber(s, ref pos, out var minute, out _))
        {
            return false;
        }

        var seconds = 0;
        if (pos < s.Length && s[pos] == ':' && (!TrySeparator(s, ref pos, ":") || !TryNumber(s, ref pos, out seconds, out _)))
        {
            return false;
        }

        bool? pm = null;
        var rest = s[pos..].Trim();
        if (rest.Length > 0)
        {
            if (rest.Equals("AM", StringComparison.OrdinalIgnoreCase)) pm = false;
            else if (rest.Equals("PM", StringComparison.OrdinalIgnoreCase)) pm = true;
            else return false;
        }

        text = new TimestampText(raw.Trim(), first, firstDigits, second, third, hour, minute, seconds, pm);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> s, ref int pos, out int value, out int digits)
    {
        value = 0;
        digits = 0;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]) && digits < 5)
        {
            value = value * 10 + (s[pos] - '0');
            pos++;
            digits++;
        }

        return digits is > 0 and < 5;
    }

    private static bool TrySeparator(ReadOnlySpan<char> s, ref int pos, string allowed)
    {
        if (pos >= s.Length || !allowed.Contains(s[pos]))
        {
            return false;
        }

        pos++;
        return true;
    }

    private static bool SkipSpaces(ReadOnlySpan<char> s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && (s[pos] == ' ' || s[pos] == 'T'))
        {
            pos++;
        }

        return pos > start;
    }
}
