using System.Text;
using Dashboard.Core.Glucose.Import;
using LibreView.Csv;

namespace Dashboard.Core.Tests.Security;

/// <summary>
/// Issue #18 row 4: a hostile upload cannot exhaust memory. The parser streams (no copy of the file in memory), refuses a
/// row beyond its length or field limits as soon as it gets there, and a person runs one import at a time.
/// </summary>
public sealed class CsvUploadLimitsTests
{
    private const long Size = 49L * 1024 * 1024;

    [Fact]
    public async Task Forty_nine_megabytes_of_commas_are_refused_in_bounded_memory_and_one_import_per_person_runs_at_a_time()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var commas = LibreViewCsvParser.Parse(new RepeatingStream(Size, ","u8.ToArray()));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("not a LibreView Glucose Data export: the row at line 1 has more than 100 fields", commas.Error);
        Assert.True(allocated < 16 * 1024 * 1024, $"parsing allocated {allocated / (1024 * 1024)} MB");

        var wide = LibreViewCsvParser.Parse(new RepeatingStream(Size, Encoding.ASCII.GetBytes(new string('x', 40_000) + "\n")));
        Assert.Equal("not a LibreView Glucose Data export: the row at line 1 is longer than 32,768 characters", wide.Error);

        var upload = await CsvExportUpload.ParseAsync(new RepeatingStream(Size, ","u8.ToArray()));
        Assert.Equal(commas.Error, upload.Error);

        var gate = new CsvImportGate();
        using (var first = gate.TryEnter("support@example.org"))
        {
            Assert.NotNull(first);
            Assert.Null(gate.TryEnter("SUPPORT@example.org"));
            using var someoneElse = gate.TryEnter("admin@example.org");
            Assert.NotNull(someoneElse);
        }
        using var again = gate.TryEnter("support@example.org");
        Assert.NotNull(again);
    }

    /// <summary>A stream that cannot seek (like a browser upload) giving <paramref name="pattern"/> over and over.</summary>
    private sealed class RepeatingStream(long length, byte[] pattern) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = pattern[(_position + i) % pattern.Length];
            }
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
