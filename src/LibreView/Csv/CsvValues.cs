using System.Globalization;

namespace LibreView.Csv;

/// <summary>
/// Reads the numbers of an export, independently of the machine's culture: '.' decimals, or a single ','
/// decimal (a quoted "5,8" from a spreadsheet re-save). Glucose values must be plausible for the
/// column's unit; "LO" and "HI" become the sensor limits LibreView itself reports (40 and 500 mg/dL,
/// 2.2 and 27.8 mmol/L).
/// </summary>
internal static class CsvValues
{
    private const double LowestMgPerDl = 40, HighestMgPerDl = 500;
    private const double LowestMmolPerL = 2.2, HighestMmolPerL = 27.8;
    private const double MaxPlausibleMgPerDl = 1000, MaxPlausibleMmolPerL = 55.5;
    private const double MaxInsulinUnits = 300, MaxCarbohydrateGrams = 2000, MaxServings = 100, MaxKetoneMmolPerL = 10;

    public static bool TryParseNumber(string cell, out double value)
    {
        var text = cell.Contains(',') && !cell.Contains('.') ? cell.Replace(',', '.') : cell;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                   CultureInfo.InvariantCulture, out value)
               && double.IsFinite(value);
    }

    public static bool TryReadGlucose(string cell, GlucoseUnit unit, string column, out double value, out string? reason)
    {
        var mgPerDl = unit == GlucoseUnit.MgPerDl;
        reason = null;
        if (cell.Equals("LO", StringComparison.OrdinalIgnoreCase))
        {
            value = mgPerDl ? LowestMgPerDl : LowestMmolPerL;
            return true;
        }

        if (cell.Equals("HI", StringComparison.OrdinalIgnoreCase))
        {
            value = mgPerDl ? HighestMgPerDl : HighestMmolPerL;
            return true;
        }

        if (cell.Length == 0)
        {
            value = 0;
            reason = $"{column} is empty";
            return false;
        }

        var max = mgPerDl ? MaxPlausibleMgPerDl : MaxPlausibleMmolPerL;
        if (!TryParseNumber(cell, out value) || value <= 0 || value > max)
        {
            reason = $"{column} '{cell}' is not a plausible {(mgPerDl ? "mg/dL" : "mmol/L")} value";
            return false;
        }

        return true;
    }

    /// <summary>An optional amount: empty is null; otherwise a number from 0 to the limit of its kind.</summary>
    public static bool TryReadAmount(string cell, AmountKind kind, out double? value, out string? reason)
    {
        value = null;
        reason = null;
        if (cell.Length == 0) return true;
        var (max, what) = kind switch
        {
            AmountKind.InsulinUnits => (MaxInsulinUnits, "insulin units"),
            AmountKind.CarbohydrateGrams => (MaxCarbohydrateGrams, "carbohydrate grams"),
            AmountKind.KetoneMmolPerL => (MaxKetoneMmolPerL, "ketone mmol/L"),
            _ => (MaxServings, "carbohydrate servings"),
        };
        if (!TryParseNumber(cell, out var number) || number < 0 || number > max)
        {
            reason = $"{what} '{cell}' is not a number from 0 to {max}";
            return false;
        }

        value = number;
        return true;
    }
}

internal enum AmountKind
{
    InsulinUnits,
    CarbohydrateGrams,
    CarbohydrateServings,
    KetoneMmolPerL,
}
