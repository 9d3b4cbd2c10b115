namespace Dashboard.Core.Validation;

/// <summary>
/// Text from outside (API bodies, paths, queries, the console's search box) before it is stored or searched: characters
/// nobody can see — C0 and C1 control characters (NUL included), DEL, Unicode bidirectional controls (which make text
/// read in another order than it is stored) and unpaired surrogates — are refused in identifiers and dropped from searches.
/// </summary>
public static class InputText
{
    public const int MaxSearchLength = 200;

    public static bool IsHidden(char c) =>
        char.IsControl(c)                       // U+0000–U+001F, U+007F–U+009F
        || c is >= '\u202A' and <= '\u202E'     // LRE, RLE, PDF, LRO, RLO
        || c is >= '\u2066' and <= '\u2069'     // LRI, RLI, FSI, PDI
        || c is '\u200E' or '\u200F' or '\u061C' // LRM, RLM, ALM
        || c is '\uFEFF';                        // zero-width no-break space (BOM)

    /// <summary>True when the text has a character <see cref="IsHidden"/> or half of a surrogate pair.</summary>
    public static bool HasHiddenCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsHidden(c)) return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    /// <summary>A search as the store is asked it: hidden characters and unpaired surrogates dropped, trimmed, at most <see cref="MaxSearchLength"/>; null when nothing is left.</summary>
    public static string? Search(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var kept = new System.Text.StringBuilder(Math.Min(text.Length, MaxSearchLength));
        for (var i = 0; i < text.Length && kept.Length < MaxSearchLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (kept.Length + 2 > MaxSearchLength) break;
                kept.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (!IsHidden(c) && !char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }
        var result = kept.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}

/// <summary>
/// Dates from outside: a patient's birth date, an ingestion bound or a query window lies in <see cref="MinDay"/> …
/// <see cref="MaxDay"/>; anything further (0001-01-01, 9999-12-31) is refused as invalid input, never computed with
/// (where adding a day would overflow).
/// </summary>
public static class InputDates
{
    public static readonly DateOnly MinDay = new(1900, 1, 1);
    public static readonly DateOnly MaxDay = new(2199, 12, 31);

    public static bool IsPlausible(DateOnly day) => day >= MinDay && day <= MaxDay;

    public static bool IsPlausible(DateTime at) => IsPlausible(DateOnly.FromDateTime(at));

    public static string Message => $"Date should be between {MinDay:yyyy-MM-dd} and {MaxDay:yyyy-MM-dd}";
}
