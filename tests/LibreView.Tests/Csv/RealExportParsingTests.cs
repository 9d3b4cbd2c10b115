using System.Text;
using LibreView.Csv;

namespace LibreView.Tests.Csv;

/// <summary>The parser on the real LibreView exports: counts per record type from SOURCES.md, in every encoding and line end.</summary>
public class RealExportParsingTests
{
    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public void Reads_every_row_of_each_real_export_with_the_documented_counts(string fileName)
    {
        var export = RealExports.Named(fileName);

        var result = LibreViewCsvParser.ParseFile(export.Path);

        AssertMatches(export, result);
        Assert.Equal("UTF-8", result.Encoding);
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public void Reads_the_same_rows_from_UTF16LE_with_and_without_byte_order_mark(string fileName)
    {
        var export = RealExports.Named(fileName);
        var utf16 = Encoding.Unicode.GetBytes(File.ReadAllText(export.Path, Encoding.UTF8));

        var withoutBom = LibreViewCsvParser.Parse(utf16);
        var withBom = LibreViewCsvParser.Parse([.. Encoding.Unicode.Preamble, .. utf16]);

        AssertMatches(export, withoutBom);
        AssertMatches(export, withBom);
        Assert.Equal("UTF-16LE without BOM", withoutBom.Encoding);
        Assert.Equal("UTF-16LE with BOM", withBom.Encoding);
        Assert.Equal(LibreViewCsvParser.ParseFile(export.Path).Readings, withoutBom.Readings);
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public void Line_ends_do_not_matter(string fileName)
    {
        var export = RealExports.Named(fileName);
        var lf = File.ReadAllText(export.Path).Replace("\r\n", "\n");
        var crlf = lf.Replace("\n", "\r\n");

        var fromLf = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(lf));
        var fromCrlf = LibreViewCsvParser.Parse([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(crlf)]);

        AssertMatches(export, fromLf);
        AssertMatches(export, fromCrlf);
        Assert.Equal(fromLf.Readings, fromCrlf.Readings);
        Assert.Equal(fromLf.Notes, fromCrlf.Notes);
    }

    [Fact]
    public void Glyco_export_spans_december_2019_to_november_2020_in_floating_local_time()
    {
        var result = LibreViewCsvParser.ParseFile(RealExports.Glyco.Path);

        // Rows are not in time order in the file: the earliest row is a scan, the latest a note.
        Assert.Equal(new DateTime(2019, 12, 5, 15, 24, 0), result.First);
        Assert.Equal(new DateTime(2020, 11, 28, 23, 34, 0), result.Last);
        Assert.All(result.Readings, r => Assert.Equal(DateTimeKind.Unspecified, r.Timestamp.Kind));
        var first = result.Readings[0];
        Assert.Equal(new CsvReading(new DateTime(2019, 12, 5, 16, 25, 0), 6.3, GlucoseUnit.MmolPerL,
            RecordType.Historic, "b59d4499-1a07-462b-b7da-a179f2093996"), first);
        Assert.Contains(result.Notes, n => n.Text == "morning" && n.Timestamp == new DateTime(2020, 11, 19, 8, 39, 0));
        // 16 food rows: 14 non-numeric food flags ("1") and 2 with grams; flags alone carry nothing to keep.
        Assert.Equal(2, result.Notes.Count(n => n.CarbohydratesGrams is not null));
    }

    [Fact]
    public void Warren_export_keeps_rapid_and_long_acting_insulin_and_carbohydrates()
    {
        var result = LibreViewCsvParser.ParseFile(RealExports.Warren.Path);

        var at0816 = result.Notes.Where(n => n.Timestamp == new DateTime(2025, 9, 3, 8, 16, 0)).ToList();
        Assert.Contains(at0816, n => n.RapidActingInsulinUnits == 2 && n.LongActingInsulinUnits is null);
        Assert.Contains(at0816, n => n.LongActingInsulinUnits == 11 && n.RapidActingInsulinUnits is null);
        // 148 insulin rows: 95 rapid, 52 long, and 1 with only the non-numeric rapid flag.
        Assert.Equal(95, result.Notes.Count(n => n.RapidActingInsulinUnits is not null));
        Assert.Equal(52, result.Notes.Count(n => n.LongActingInsulinUnits is not null));
        Assert.Equal(88, result.Notes.Count(n => n.CarbohydratesGrams is not null));
    }

    [Fact]
    public void Martynk_reader_export_trims_the_spaces_around_timestamps_and_keeps_the_reader_serial()
    {
        var result = LibreViewCsvParser.ParseFile(RealExports.Martynk.Path);

        Assert.Equal("MEMB156-J0584", result.SerialNumber);
        Assert.Equal(new DateTime(2022, 6, 2, 8, 34, 0), result.First);
        Assert.Equal(new DateTime(2022, 6, 6, 12, 39, 0), result.Last);
        Assert.Contains(result.Notes, n => n.FoodDescription == "Gyros");
    }

    private static void AssertMatches(RealExports.Export export, LibreViewCsvParseResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.RejectedRows);
        Assert.Equal(export.Device, result.Device);
        Assert.Equal(GlucoseUnit.MmolPerL, result.Unit);
        Assert.Equal(ExportLayout.Current, result.Layout);
        Assert.Equal(TimestampFormat.DayMonthYear24Hour, result.DateFormat);
        Assert.Equal("DD-MM-YYYY HH:mm", result.DateFormat.Pattern);
        for (var type = 0; type <= 6; type++)
        {
            Assert.Equal(export.RowsPerRecordType[type], result.RowsPerRecordType[(RecordType)type]);
        }

        Assert.Equal(export.Rows, result.RowsPerRecordType.Values.Sum());
        Assert.Equal(export.RowsPerRecordType[0] + export.RowsPerRecordType[1], result.Readings.Count);
    }
}
