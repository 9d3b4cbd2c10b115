using System.Globalization;

namespace Dashboard.Core.Linking;

/// <summary>A LibreView region code as the country a patient recognises ("hr" → "Croatia"), for pickers.</summary>
public static class CountryNames
{
    /// <summary>The country's English name; the code itself, upper case, when .NET knows no country by it.</summary>
    public static string Of(string regionCode)
    {
        try
        {
            return new RegionInfo(regionCode).EnglishName;
        }
        catch (ArgumentException)
        {
            return regionCode.ToUpperInvariant();
        }
    }

    /// <summary>The codes ordered by the names shown, so a patient finds their country alphabetically.</summary>
    public static IReadOnlyList<string> InNameOrder(IEnumerable<string> regionCodes) =>
        regionCodes.OrderBy(Of, StringComparer.OrdinalIgnoreCase).ToList();
}
