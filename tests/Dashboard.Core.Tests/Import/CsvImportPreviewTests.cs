using System.Text;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Import;
using LibreView.Csv;
using LibreView.Tests.Csv;

namespace Dashboard.Core.Tests.Import;

public class CsvImportPreviewTests
{
    [Fact]
    public void A_real_export_is_described_with_its_device_unit_date_format_range_and_rows_per_type()
    {
        var preview = CsvImportPreview.From(LibreViewCsvParser.ParseFile(RealExports.Warren.Path));

        Assert.True(preview.CanImport, preview.Error);
        Assert.Equal("FreeStyle LibreLink", preview.Device);
        Assert.Equal("758d93d8-ff6a-4e0a-a62c-f31e5814c296", preview.SerialNumber);
        Assert.Equal(GlucoseUnit.MmolPerL, preview.Unit);
        Assert.Equal("DD-MM-YYYY HH:mm", preview.DateFormat);
        Assert.Equal(new DateOnly(2025, 9, 1), DateOnly.FromDateTime(preview.First!.Value));
        Assert.Equal(new DateTime(2025, 10, 11, 18, 20, 0), preview.Last); // the newest row of any type
        Assert.Equal(RealExports.Warren.RowsPerRecordType, preview.RecordTypes.Select(t => t.Rows));
        Assert.Equal(Enumerable.Range(0, 7), preview.RecordTypes.Select(t => (int)t.Type));
        Assert.StartsWith("not imported", preview.RecordTypes[(int)RecordType.Strip].Handling);
        Assert.Equal(0, preview.RejectedRowCount);
    }

    [Fact]
    public void Rejected_rows_show_the_first_few_by_line_number_and_count_the_rest()
    {
        var rows = new[] { "13-02-2024 08:00|0|4=100" }
            .Concat(Enumerable.Range(0, 25).Select(i => $"13-02-2024 09:{i:00}|0|4=")) // lines 4–28: no value
            .ToArray();

        var preview = CsvImportPreview.From(LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(ExportText.CurrentMgdl(rows))), rejectedRowsShown: 20);

        Assert.True(preview.CanImport);
        Assert.Equal(25, preview.RejectedRowCount);
        Assert.Equal(Enumerable.Range(4, 20), preview.RejectedRowsShown.Select(r => r.LineNumber));
        Assert.Equal("historic glucose is empty", preview.RejectedRowsShown[0].Reason);
        Assert.Equal(5, preview.RejectedRowsNotShown);
    }

    [Fact]
    public void An_export_with_nothing_to_store_cannot_be_imported()
    {
        var preview = CsvImportPreview.From(LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(ExportText.CurrentMgdl("13-02-2024 08:05|2|14=95"))));

        Assert.False(preview.CanImport);
        Assert.StartsWith("nothing to import", preview.Error);
        Assert.Equal(1, preview.Plan.StripReadingsLeftOut);
    }

    [Fact]
    public void A_refused_file_carries_the_parser_reason()
    {
        var preview = CsvImportPreview.From(LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes("name,email\r\nAda,ada@example.org\r\n")));

        Assert.False(preview.CanImport);
        Assert.StartsWith("not a LibreView Glucose Data export", preview.Error);
        Assert.Empty(preview.RecordTypes);
    }
}
