using System.Globalization;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// How the review shows numbers: glucose as whole mg/dL or mmol/L to one decimal, percentages to one decimal
/// (below 1 % to one decimal too, so 0.4 % low is not shown as 0 %), time a day as hours and minutes.
/// Invariant culture, so the numbers read the same everywhere.
/// </summary>
public static class GlucoseFormat
{
    public static int Decimals(GlucoseUnit unit) => unit == GlucoseUnit.MmolPerL ? 1 : 0;

    /// <summary>A value already in <paramref name="unit"/>, rounded as charts and tables show it.</summary>
    public static double Round(double value, GlucoseUnit unit) => Math.Round(value, Decimals(unit), MidpointRounding.AwayFromZero);

    /// <summary>An mg/dL value in the unit shown, rounded.</summary>
    public static double Display(double mgPerDl, GlucoseUnit unit) => Round(GlucoseUnits.FromMgPerDl(mgPerDl, unit), unit);

    /// <summary>"142 mg/dL" or "7.9 mmol/L"; "–" when there is no value.</summary>
    public static string Glucose(double? mgPerDl, GlucoseUnit unit) =>
        mgPerDl is { } v ? $"{Number(Display(v, unit), Decimals(unit))} {GlucoseUnits.Symbol(unit)}" : NoValue;

    public static string Percent(double? percent) => percent is { } p ? $"{Number(p, 1)} %" : NoValue;

    /// <summary>A share of the day as time: 70 % → "16 h 48 min".</summary>
    public static string HoursAndMinutesPerDay(double? percent) => percent is { } p ? Duration(p / 100 * 24 * 60) : NoValue;

    /// <summary>A length of time: 75 minutes → "1 h 15 min"; "–" when there is none.</summary>
    public static string Duration(double? minutes)
    {
        if (minutes is not { } value) return NoValue;
        var whole = (int)Math.Round(value, MidpointRounding.AwayFromZero);
        return (whole / 60, whole % 60) switch
        {
            (0, var m) => $"{m} min",
            (var h, 0) => $"{h} h",
            var (h, m) => $"{h} h {m} min",
        };
    }

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime time) => time.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Clock(int minuteOfDay) => $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";

    public const string NoValue = "–";

    public static string Number(double value, int decimals) =>
        value.ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture);
}
