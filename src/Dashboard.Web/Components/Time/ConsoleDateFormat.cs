using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.Time;

namespace Dashboard.Web.Components.Time;

/// <summary>
/// The console's one date format per language (issue 16): "4 Dec 2026", "4 Dec 2026 21:50" in English, "04.12.2026",
/// "04.12.2026 21:50" in German. Staff times (<see cref="StaffTime"/>, through <see cref="StaffClock"/>), device times
/// (<see cref="DeviceTime"/>), dates of birth, the patient list and the date pickers (<see cref="PickerCulture"/>) all
/// format through here, so no page can bring its own format. English month names are the invariant ones ("Dec"), so
/// an en-US and an en-GB person read the same text.
/// </summary>
public static class ConsoleDateFormat
{
    private static readonly ConcurrentDictionary<string, CultureInfo> PickerCultures = new();

    /// <summary>The language the console is shown in (the request's or circuit's UI culture).</summary>
    public static CultureInfo Current => CultureInfo.CurrentUICulture;

    /// <summary>The date pattern of a language: "d MMM yyyy" (English), "dd.MM.yyyy" (German).</summary>
    public static string DatePattern(CultureInfo culture) => IsGerman(culture) ? "dd.MM.yyyy" : "d MMM yyyy";

    /// <summary>The date-and-time pattern of a language: the date pattern and a 24-hour clock.</summary>
    public static string DateTimePattern(CultureInfo culture) => DatePattern(culture) + " HH:mm";

    /// <summary>A calendar day: "4 Dec 2026", "04.12.2026".</summary>
    public static string Date(DateOnly day, CultureInfo culture) => day.ToString(DatePattern(culture), FormatOf(culture));

    /// <summary>The date of a date-time, as it is (no conversion).</summary>
    public static string Date(DateTime value, CultureInfo culture) => value.ToString(DatePattern(culture), FormatOf(culture));

    /// <summary>A date and time as it is, never converted: a device (floating) time, or one already in the person's zone.</summary>
    public static string DateTime(DateTime value, CultureInfo culture) => value.ToString(DateTimePattern(culture), FormatOf(culture));

    /// <summary>A stored UTC instant as the wall clock of <paramref name="zone"/>.</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone, CultureInfo culture) => DateTime(StaffTimeFormat.ToZone(utc, zone), culture);

    /// <summary>A stored UTC instant's date in <paramref name="zone"/>.</summary>
    public static string LocalDate(DateTime utc, TimeZoneInfo zone, CultureInfo culture) => Date(StaffTimeFormat.ToZone(utc, zone), culture);

    /// <summary>
    /// The culture a MudBlazor date picker gets, so its field reads the console's date pattern and its calendar the
    /// same month names (the neutral "en" culture would write 12/4/2026).
    /// </summary>
    public static CultureInfo PickerCulture(CultureInfo culture) => PickerCultures.GetOrAdd(IsGerman(culture) ? "de" : "en", _ =>
    {
        var picker = (CultureInfo)((CultureInfo)FormatOf(culture)).Clone();
        picker.DateTimeFormat.ShortDatePattern = DatePattern(culture);
        picker.DateTimeFormat.FirstDayOfWeek = DayOfWeek.Monday;
        return CultureInfo.ReadOnly(picker);
    });

    /// <summary>The picker culture of the language the console is shown in.</summary>
    public static CultureInfo CurrentPickerCulture => PickerCulture(Current);

    private static bool IsGerman(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de";

    private static IFormatProvider FormatOf(CultureInfo culture) => IsGerman(culture) ? CultureInfo.GetCultureInfo("de-DE") : CultureInfo.InvariantCulture;
}
