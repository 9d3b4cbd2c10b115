using System.Globalization;
using Dashboard.Core.Time;

namespace Dashboard.Web.Components.Time;

/// <summary>
/// The signed-in person's time zone and language for staff-facing times, cascaded by MainLayout so every
/// <see cref="StaffTime"/> re-renders when the browser reports its zone. Formatting itself is
/// <see cref="ConsoleDateFormat"/>'s.
/// </summary>
public sealed record StaffClock(TimeZoneInfo Zone, CultureInfo Culture)
{
    /// <summary>Before the zone is known: UTC, in the language of the request or circuit (its current culture).</summary>
    public static StaffClock Default => new(StaffTimeFormat.Fallback, ConsoleDateFormat.Current);

    public string Local(DateTime utc) => ConsoleDateFormat.Local(utc, Zone, Culture);

    public string LocalDate(DateTime utc) => ConsoleDateFormat.LocalDate(utc, Zone, Culture);

    public string Device(DateTime floating) => ConsoleDateFormat.DateTime(floating, Culture);
}
