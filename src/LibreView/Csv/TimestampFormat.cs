namespace LibreView.Csv;

/// <summary>Order of day, month and year in the export's timestamps.</summary>
public enum DateOrder
{
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

/// <summary>
/// The timestamp format of an export, decided from the whole timestamp column (see
/// <see cref="TimestampFormatDetector"/>), never from the machine's culture.
/// </summary>
public sealed record TimestampFormat(DateOrder Order, bool TwelveHourClock)
{
    public static readonly TimestampFormat DayMonthYear24Hour = new(DateOrder.DayMonthYear, false);
    public static readonly TimestampFormat MonthDayYear12Hour = new(DateOrder.MonthDayYear, true);

    /// <summary>The format as a person reads it, e.g. "DD-MM-YYYY HH:MM" or "MM-DD-YYYY hh:mm AM/PM".</summary>
    public string Pattern =>
        Order switch
        {
            DateOrder.DayMonthYear => "DD-MM-YYYY",
            DateOrder.MonthDayYear => "MM-DD-YYYY",
            _ => "YYYY-MM-DD",
        } + (TwelveHourClock ? " hh:mm AM/PM" : " HH:mm");

    public override string ToString() => Pattern;

    /// <summary>Builds the floating local time (Kind Unspecified) of one timestamp, or says why it cannot.</summary>
    internal bool TryBuild(in TimestampText text, out DateTime value, out string? reason)
    {
        value = default;
        var (year, month, day) = Order switch
        {
            DateOrder.DayMonthYear => (text.DateThird, text.DateSecond, text.DateFirst),
            DateOrder.MonthDayYear => (text.DateThird, text.DateFirst, text.DateSecond),
            _ => (text.DateFirst, text.DateSecond, text.DateThird),
        };
        if (year < 100)
        {
            year += 2000;
        }

        if (year is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            reason = $"timestamp '{text.Raw}' is not a valid {Pattern} date";
            return false;
        }

        if (!text.TryGet24Hour(out var hour) || text.Minute > 59 || text.Second > 59)
        {
            reason = $"timestamp '{text.Raw}' has an invalid time of day";
            return false;
        }

        value = new DateTime(year, month, day, hour, text.Minute, text.Second, DateTimeKind.Unspecified);
        reason = null;
        return true;
    }
}
