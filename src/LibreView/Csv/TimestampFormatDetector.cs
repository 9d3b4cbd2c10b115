namespace LibreView.Csv;

/// <summary>
/// Decides the timestamp format from every timestamp of the column, never from the machine's culture:
/// a four-digit first number means year first; a first number above 12 somewhere means day first; a
/// second number above 12 somewhere means month first; when both happen the majority wins (the other
/// rows are then rejected as invalid dates). A column that never tells (all numbers ≤ 12) is month-first
/// when it uses AM/PM (US accounts) and day-first otherwise. The clock is 12-hour when most values
/// carry AM/PM.
/// </summary>
internal static class TimestampFormatDetector
{
    public static TimestampFormat Detect(IEnumerable<TimestampText> column)
    {
        int yearFirst = 0, dayFirst = 0, monthFirst = 0, withAmPm = 0, total = 0;
        foreach (var t in column)
        {
            total++;
            if (t.DateFirstDigits == 4) yearFirst++;
            else if (t.DateFirst > 12) dayFirst++;
            else if (t.DateSecond > 12) monthFirst++;
            if (t.HasAmPm) withAmPm++;
        }

        var twelveHour = withAmPm * 2 > total;
        var order = yearFirst * 2 > total ? DateOrder.YearMonthDay
            : dayFirst > monthFirst ? DateOrder.DayMonthYear
            : monthFirst > dayFirst ? DateOrder.MonthDayYear
            : twelveHour ? DateOrder.MonthDayYear
            : DateOrder.DayMonthYear;
        return new TimestampFormat(order, twelveHour);
    }
}
