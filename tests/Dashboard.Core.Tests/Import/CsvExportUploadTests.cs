using Dashboard.Core.Glucose.Import;
using LibreView.Csv;
using LibreView.Tests.Csv;

namespace Dashboard.Core.Tests.Import;

/// <summary>A browser upload can only be read asynchronously; the size cap holds without reading the whole stream.</summary>
public class CsvExportUploadTests
{
    [Fact]
    public async Task A_stream_that_only_reads_asynchronously_parses_like_the_file()
    {
        var bytes = await File.ReadAllBytesAsync(RealExports.Martynk.Path);

        var result = await CsvExportUpload.ParseAsync(new AsyncOnlyStream(bytes.Length, bytes));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(LibreViewCsvParser.ParseFile(RealExports.Martynk.Path).RowsPerRecordType, result.RowsPerRecordType);
    }

    [Fact]
    public async Task A_stream_over_50_MB_is_refused_after_reading_at_most_a_chunk_past_the_cap()
    {
        var stream = new AsyncOnlyStream(10 * LibreViewCsvParser.MaxFileBytes, null);

        var result = await CsvExportUpload.ParseAsync(stream);

        Assert.Equal("the file is larger than 50 MB; LibreView exports are far smaller", result.Error);
        Assert.True(stream.Position <= LibreViewCsvParser.MaxFileBytes + 81920);
    }

    [Fact]
    public async Task A_read_failure_is_a_refusal_not_an_exception()
    {
        var result = await CsvExportUpload.ParseAsync(new AsyncOnlyStream(100, null, failAfter: 10));

        Assert.Equal("the file could not be read: the connection dropped", result.Error);
    }

    /// <summary>Like Blazor's browser file stream: synchronous reads throw. Content is <paramref name="bytes"/> or letters.</summary>
    private sealed class AsyncOnlyStream(long length, byte[]? bytes, long failAfter = long.MaxValue) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous reads are not supported");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= failAfter) throw new IOException("the connection dropped");
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (bytes is null) buffer.Span[..n].Fill((byte)'a');
            else bytes.AsSpan((int)_position, n).CopyTo(buffer.Span);
            _position += n;
            return ValueTask.FromResult(n);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
