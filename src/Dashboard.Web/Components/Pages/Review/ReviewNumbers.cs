using System.Globalization;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Web.Components.Time;

namespace Dashboard.Web.Components.Pages.Review;

/// <summary>
/// The review's and triage's numbers and dates in the console's language, from Core's raw values: Core's
/// <see cref="GlucoseFormat"/> writes them invariant (a decimal point) for the API, the PDF and the exports; here its
/// same rules get the person's culture, so English reads byte for byte as Core writes it and German has a decimal comma.
/// </summary>
public static class ReviewNumbers
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string NoValue => GlucoseFormat.NoValue;

    /// <summary>A number to <paramref name="decimals"/>, with the culture's decimal separator.</summary>
    public static string Number(double value, int decimals) => GlucoseFormat.Number(value, decimals, Culture);

    /// <summary>"+1.5", "-2.0", "0.0": a change with its sign.</summary>
    public static string Signed(double value, int decimals) => (value > 0 ? "+" : "") + Number(value, decimals);

    /// <summary>"12.3 %"; "–" when there is no value.</summary>
    public static string Percent(double? percent) => GlucoseFormat.Percent(percent, Culture);

    /// <summary>A glucose value already in the unit shown (a chart point, an AGP percentile): "7.9" or "142".</summary>
    public static string Value(double value, GlucoseUnit unit) => Number(value, GlucoseFormat.Decimals(unit));

    /// <summary>"142 mg/dL" or "7.9 mmol/L" from an mg/dL value; "–" when there is none.</summary>
    public static string Glucose(double? mgPerDl, GlucoseUnit unit) => GlucoseFormat.Glucose(mgPerDl, unit, Culture);

    /// <summary>A whole percent, as goals are written: "70 %".</summary>
    public static string WholePercent(double percent) => $"{Number(percent, 0)} %";

    /// <summary>The glycemia risk index to one decimal; "–" without one.</summary>
    public static string Gri(double? gri) => gri is { } g ? Number(g, 1) : NoValue;

    /// <summary>A count of readings or events: "1,234".</summary>
    public static string Count(int count) => count.ToString("N0", Culture);

    /// <summary>A day in the person's date format: "2 Dec 2026", "02.12.2026".</summary>
    public static string Date(DateOnly day) => ConsoleDateFormat.Date(day, Culture);

    /// <summary>A device (floating) time in the person's date-and-time format, never converted.</summary>
    public static string DateTime(DateTime floating) => ConsoleDateFormat.DateTime(floating, Culture);

    /// <summary>The clock of a device time: "14:05".</summary>
    public static string Clock(DateTime floating) => floating.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A daily profile's heading: "Tue 2 Dec" in English, "Di., 02.12." in German.</summary>
    public static string DayTitle(DateOnly day) => Culture.TwoLetterISOLanguageName == "de"
        ? day.ToString("ddd, dd.MM.", Culture)
        : day.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
