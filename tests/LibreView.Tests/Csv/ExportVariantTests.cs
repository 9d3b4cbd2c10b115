using System.Globalization;
using System.Text;
using LibreView.Csv;

namespace LibreView.Tests.Csv;

/// <summary>Export variants users download that the three real files do not show: US accounts, legacy exports, Libre 3.</summary>
public class ExportVariantTests
{
    [Fact]
    public void Month_first_AM_PM_timestamps_in_mg_per_dL_are_decided_from_the_whole_column()
    {
        // 11-05 alone could be 11 May or 5 November; 11-13 can only be month-first, so the column is.
        var text = ExportText.CurrentMgdl(
            "11-05-2024 12:05 AM|0|4=102",
            "11-05-2024 12:10 PM|0|4=LO",
            "11-13-2024 01:15 PM|0|4=HI",
            "11-13-2024 01:20 PM|1|5=180");

        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(TimestampFormat.MonthDayYear12Hour, result.DateFormat);
        Assert.Equal(GlucoseUnit.MgPerDl, result.Unit);
        Assert.Equal("Libre app", result.Device);
        Assert.Equal(
            [
                new CsvReading(new DateTime(2024, 11, 5, 0, 5, 0), 102, GlucoseUnit.MgPerDl, RecordType.Historic, "ABC123"),
                new CsvReading(new DateTime(2024, 11, 5, 12, 10, 0), 40, GlucoseUnit.MgPerDl, RecordType.Historic, "ABC123"),
                new CsvReading(new DateTime(2024, 11, 13, 13, 15, 0), 500, GlucoseUnit.MgPerDl, RecordType.Historic, "ABC123"),
                new CsvReading(new DateTime(2024, 11, 13, 13, 20, 0), 180, GlucoseUnit.MgPerDl, RecordType.Scan, "ABC123"),
            ],
            result.Readings);
    }

    [Theory]
    [InlineData("03-04-2024 13:00", DateOrder.DayMonthYear, 4)] // no number above 12, 24-hour: day-first (3 April)
    [InlineData("03-04-2024 01:00 PM", DateOrder.MonthDayYear, 3)] // no number above 12, AM/PM: month-first (4 March)
    [InlineData("2024-03-04 13:00", DateOrder.YearMonthDay, 3)]
    public void An_ambiguous_column_is_decided_by_its_clock(string timestamp, DateOrder order, int month)
    {
        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(ExportText.CurrentMgdl($"{timestamp}|0|4=100")));

        Assert.Equal(order, result.DateFormat.Order);
        Assert.Equal(month, result.Readings.Single().Timestamp.Month);
        Assert.Equal(13, result.Readings.Single().Timestamp.Hour);
    }

    [Fact]
    public void Legacy_2018_export_in_UTF16LE_without_BOM_with_trailing_commas_is_read()
    {
        var rows = new[] { "2018/06/14 23:59|0|4=142", "2018/06/15 00:14|0|4=97", "2018/06/15 07:30|2|13=88", "2018/06/15 07:31|3|14=0.4", "2018/06/15 07:32|3|14=0.0" }
            .Select(r => ExportText.Row("FreeStyle Libre", "JGGX123-T4567", r, 20));
        var text = "Export Patient's Glucose Data,,,,,,,,,,,,,,,,,,,,\r\n" + ExportText.LegacyHeaderMgdl + "\r\n"
                   + string.Join("\r\n", rows) + "\r\n";

        var result = LibreViewCsvParser.Parse(Encoding.Unicode.GetBytes(text));

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.RejectedRows);
        Assert.Equal(ExportLayout.Legacy, result.Layout);
        Assert.Equal("UTF-16LE without BOM", result.Encoding);
        Assert.Equal(("FreeStyle Libre", "JGGX123-T4567"), (result.Device, result.SerialNumber));
        Assert.Equal([2, 0, 1, 2, 0, 0, 0], Enumerable.Range(0, 7).Select(t => result.RowsPerRecordType[(RecordType)t]));
        Assert.Equal(new DateTime(2018, 6, 14, 23, 59, 0), result.Readings[0].Timestamp);
        Assert.Equal(new CsvReading(new DateTime(2018, 6, 15, 7, 31, 0), 0.4, GlucoseUnit.MmolPerL, RecordType.Ketone, "JGGX123-T4567"),
            result.Readings[3]);
        Assert.Equal(GlucoseUnit.MgPerDl, result.Readings[2].Unit);
        Assert.Equal(0.0, result.Readings[4].Value); // a ketone of 0.0 mmol/L is a reading, not a bad value
    }

    [Fact]
    public void Quoted_notes_keep_commas_quotes_and_line_breaks_and_line_numbers_stay_physical()
    {
        var text = ExportText.CurrentMgdl(
            "01-02-2024 13:00|6|13=\"Run, then \"\"pizza\"\"\nsecond line\"",
            "01-02-2024 13:05|0|4=abc");

        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal("Run, then \"pizza\"\nsecond line", result.Notes.Single().Text);
        Assert.Equal(new CsvRejectedRow(5, "historic glucose 'abc' is not a plausible mg/dL value"), result.RejectedRows.Single());
    }

    [Fact]
    public void A_spreadsheet_re_save_in_a_Western_code_page_keeps_accented_notes()
    {
        var text = ExportText.CurrentMgdl("01-02-2024 13:00|6|13=café au lait", "01-02-2024 13:05|0|4=100");

        var result = LibreViewCsvParser.Parse(Encoding.Latin1.GetBytes(text));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("ISO-8859-1 (not valid UTF-8)", result.Encoding);
        Assert.Equal("café au lait", result.Notes.Single().Text);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    [InlineData("ar-SA")]
    public void The_machine_culture_changes_nothing(string culture)
    {
        var text = ExportText.CurrentMgdl("01-13-2024 01:00 PM|0|4=101.5", "01-13-2024 01:15 PM|5|9=12.5");
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text)));
        var real = File.ReadAllBytes(RealExports.Warren.Path);

        var underCulture = WithCulture(new CultureInfo(culture), () => LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text)));
        var realUnderCulture = WithCulture(new CultureInfo(culture), () => LibreViewCsvParser.Parse(real));

        Assert.Equal(invariant.Readings, underCulture.Readings);
        Assert.Equal(101.5, underCulture.Readings.Single().Value);
        Assert.Equal(12.5, underCulture.Notes.Single().CarbohydratesGrams);
        Assert.Equal(new DateTime(2024, 1, 13, 13, 0, 0), underCulture.Readings.Single().Timestamp);
        Assert.Equal(LibreViewCsvParser.Parse(real).Readings, realUnderCulture.Readings);
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
