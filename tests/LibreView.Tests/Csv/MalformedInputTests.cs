using System.Text;
using LibreView.Csv;

namespace LibreView.Tests.Csv;

/// <summary>Bad rows are reported with their line and reason and never become values; bad files are refused with a reason.</summary>
public class MalformedInputTests
{
    [Fact]
    public void Each_malformed_row_is_rejected_with_its_line_number_and_the_rest_is_read()
    {
        var text = ExportText.CurrentMgdl(
                "11-05-2024 10:00 AM|0|4=100", // line 3: fine
                "11-05-2024 10:15 AM|0|4=", // line 4: no value
                "02-30-2024 10:30 AM|0|4=100", // line 5: 30 February
                "11-05-2024 25:00|0|4=100", // line 6: hour 25
                "yesterday|0|4=100", // line 7: not a timestamp
                "11-05-2024 11:00 AM|9|4=100", // line 8: record type 9
                "11-05-2024 11:15 AM|0|4=7.2e3", // line 9: not a plain number
                "11-05-2024 11:30 AM|0|4=1200", // line 10: implausible mg/dL
                "11-05-2024 11:45 AM|4|7=-2", // line 11: negative insulin
                "11-13-2024 12:00 PM|0|4=110") // line 12: fine
            + "Libre app,ABC123,11-13-2024 12:15 PM,0,120,,,,,,,,,,,,,,,,,,7\r\n" // line 13: shifted by unquoted commas
            + "Libre app,ABC123,11-13-2024 12:30 PM,0,1\r\n"; // line 14: too few fields

        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([100.0, 110.0], result.Readings.Select(r => r.Value));
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11, 13, 14], result.RejectedRows.Select(r => r.LineNumber));
        Assert.Equal("historic glucose is empty", result.RejectedRows[0].Reason);
        Assert.Equal("timestamp '02-30-2024 10:30 AM' is not a valid MM-DD-YYYY hh:mm AM/PM date", result.RejectedRows[1].Reason);
        Assert.Equal("timestamp '11-05-2024 25:00' has an invalid time of day", result.RejectedRows[2].Reason);
        Assert.Equal("timestamp 'yesterday' is not a date and time", result.RejectedRows[3].Reason);
        Assert.Equal("record type '9' is not one of 0–6", result.RejectedRows[4].Reason);
        Assert.Contains("not a plausible mg/dL value", result.RejectedRows[5].Reason);
        Assert.Contains("not a plausible mg/dL value", result.RejectedRows[6].Reason);
        Assert.StartsWith("insulin units '-2'", result.RejectedRows[7].Reason);
        Assert.Contains("beyond the header", result.RejectedRows[8].Reason);
        Assert.Equal("row has 5 fields, at least 16 are needed", result.RejectedRows[9].Reason);
        Assert.Equal(2, result.RowsPerRecordType[RecordType.Historic]);
    }

    [Fact]
    public void A_real_export_cut_in_the_middle_of_a_row_is_refused_as_truncated()
    {
        var bytes = File.ReadAllBytes(RealExports.Warren.Path);
        var cut = bytes.AsSpan(0, bytes.Length / 2).ToArray();
        var lastLineStart = Array.LastIndexOf(cut, (byte)'\n') + 1;
        var cutLine = Encoding.UTF8.GetString(cut.AsSpan(0, lastLineStart)).Count(c => c == '\n') + 1;
        Assert.True(lastLineStart < cut.Length, "the cut falls inside a row");

        var result = LibreViewCsvParser.Parse(cut);

        Assert.False(result.Succeeded);
        Assert.Equal($"the file is truncated: it ends inside the row at line {cutLine}", result.Error);
        Assert.Empty(result.Readings);
    }

    [Fact]
    public void A_file_cut_inside_a_quoted_note_is_refused_as_truncated()
    {
        var text = ExportText.CurrentMgdl("01-02-2024 13:00|0|4=100") + "Libre app,ABC123,01-02-2024 13:05,6,,,,,,,,,,\"Run, th";

        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal("the file is truncated: it ends inside the row at line 4", result.Error);
    }

    [Fact]
    public void A_last_row_without_line_end_but_whole_is_read()
    {
        var text = ExportText.CurrentMgdl("01-02-2024 13:00|0|4=100").TrimEnd();

        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(result.Readings);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("name,email\r\nAda,ada@example.org\r\n", "not a LibreView Glucose Data export")]
    [InlineData("Glucose Data,Generated on,13-12-2020 10:23 UTC\r\nDevice,Serial Number,Device Timestamp,Record Type,Historic Glucose mmol/L\r\n", "no data rows")]
    [InlineData("Glucose Data,Generated on,13-12-2020 10:23 UTC\r\nDevice,Serial Number,Device Timestamp,Record Type,Historic Gluc", "not a LibreView Glucose Data export")]
    [InlineData("Device,Serial Number,Record Type,Value\r\nx,y,0,5\r\n", "not a LibreView Glucose Data export")]
    public void Files_that_are_not_usable_exports_are_refused_with_a_reason(string text, string reason)
    {
        var result = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Error);
        Assert.Empty(result.Readings);
    }

    [Fact]
    public void Binary_noise_is_refused()
    {
        var noise = new byte[200_000];
        new Random(42).NextBytes(noise);

        var result = LibreViewCsvParser.Parse(noise);

        Assert.False(result.Succeeded);
        Assert.Contains("binary", result.Error);
    }

    [Fact]
    public void A_file_over_50_MB_is_refused_before_it_is_read_whole()
    {
        using var stream = new NoiseStream(LibreViewCsvParser.MaxFileBytes + 1);

        var result = LibreViewCsvParser.Parse(stream);

        Assert.False(result.Succeeded);
        Assert.Contains("larger than 50 MB", result.Error);
        Assert.True(stream.Position <= LibreViewCsvParser.MaxFileBytes + 81920);
    }

    [Fact]
    public void A_missing_file_is_refused_not_thrown()
    {
        var result = LibreViewCsvParser.ParseFile(Path.Combine(Path.GetTempPath(), "no-such-export.csv"));

        Assert.False(result.Succeeded);
        Assert.Contains("cannot read", result.Error);
    }

    /// <summary>A readable stream of a given length of letters, without holding them in memory.</summary>
    private sealed class NoiseStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
