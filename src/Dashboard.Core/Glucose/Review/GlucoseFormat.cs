using System.Globalization;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// How the review shows numbers: glucose as whole mg/dL or mmol/L to one decimal, percentages to one decimal
/// (below 1 % to one decimal too, so 0.4 % low is not shown as 0 %), time a day as hours and minutes.
/// Invariant culture by default, so the API, the PDF and the exports read the same everywhere; the console passes the
/// person's culture to the same rules (a decimal comma in German), so its numbers round exactly as these do.
/// </summary>
public static class GlucoseFormat
{
    public static int Decimals(GlucoseUnit unit) => unit == GlucoseUnit.MmolPerL ? 1 : 0;

    /// <summary>A value already in <paramref name="unit"/>, rounded as charts and tables show it.</summary>
    public static double Round(double value, GlucoseUnit unit) => Math.Round(value, Decimals(unit), MidpointRounding.AwayFromZero);

    /// <summary>An mg/dL value in the unit shown, rounded.</summary>
    public static double Display(double mgPerDl, GlucoseUnit unit) => Round(GlucoseUnits.FromMgPerDl(mgPerDl, unit), unit);

    /// <summary>"142 mg/dL" or "7.9 mmol/L"; "–" when there is no value.</summary>
    public static string Glucose(double? mgPerDl, GlucoseUnit unit, IFormatProvider? format = null) =>
        mgPerDl is { } v ? $"{Number(Display(v, unit), Decimals(unit), format)} {GlucoseUnits.Symbol(unit)}" : NoValue;

    public static string Percent(double? percent, IFormatProvider? format = null) => percent is { } p ? $"{Number(p, 1, format)} %" : NoValue;

    /// <summary>A share of the day as time: 70 % → "16 h 48 min".</summary>
    public static string HoursAndMinutesPerDay(double? percent) => percent is { } p ? Duration(p / 100 * 24 * 60) : NoValue;

    /// <summary>A length of time: 75 minutes → "1 h 15 min"; "–" when there is none.</summary>
    public static string Duration(double? minutes)
    {
        if (minutes is not { } value) return NoValue;
        return HoursAndMinutes(value) switch
        {
            (0, var m) => $"{m} min",
            (var h, 0) => $"{h} h",
            var (h, m) => $"{h} h {m} min",
        };
    }

    /// <summary>A length of time as whole hours and the minutes left, rounded to the minute: 75.4 → (1, 15).</summary>
    public static (int Hours, int Minutes) HoursAndMinutes(double minutes)
    {
        var whole = (int)Math.Round(minutes, MidpointRounding.AwayFromZero);
        return (whole / 60, whole % 60);
    }

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime time) => time.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Clock(int minuteOfDay) => $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";

    public const string NoValue = "–";

    public static string Number(double value, int decimals, IFormatProvider? format = null) =>
        value.ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), format ?? CultureInfo.InvariantCulture);
}
