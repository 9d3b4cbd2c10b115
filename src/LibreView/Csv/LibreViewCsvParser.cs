using System.Text;

namespace LibreView.Csv;

/// <summary>
/// Reads a LibreView "Glucose Data" export as users download it from the LibreView portal (see
/// DESIGN §7): current and 2018–19 legacy headers, UTF-8 or UTF-16, any line ends, padded titles,
/// spaces around values, mg/dL or mmol/L, day-first or month-first timestamps. Never throws for bad
/// content: a refused file has <see cref="LibreViewCsvParseResult.Error"/> set, bad rows are listed in
/// <see cref="LibreViewCsvParseResult.RejectedRows"/>.
/// Memory stays bounded whatever the file holds: the text is streamed twice (once to learn the timestamp format,
/// once to read the rows), never held whole; a row is at most <see cref="MaxRecordChars"/> characters and
/// <see cref="MaxFields"/> fields, or the file is refused; only the first <see cref="MaxRejectedRowsKept"/> rejected rows are kept.
/// </summary>
public static class LibreViewCsvParser
{
    /// <summary>Exports above this size are refused (a year of 5-minute data is about 10 MB).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>A real row is a few hundred characters; a note can be long, never this long.</summary>
    public const int MaxRecordChars = 32 * 1024;

    /// <summary>The current header has 19 columns, padded rows a few more.</summary>
    public const int MaxFields = 100;

    public const int MaxRejectedRowsKept = 1000;

    /// <summary>The header is looked for in this many first non-blank rows (title lines come before it).</summary>
    private const int HeaderSearchRows = 5;

    public static LibreViewCsvParseResult ParseFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            return Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LibreViewCsvParseResult.Refused($"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>
    /// Reads a seekable stream from its position, in place; any other stream is first copied to a temporary file (at most
    /// <see cref="MaxFileBytes"/> and one chunk), never into memory. A longer stream is refused.
    /// </summary>
    public static LibreViewCsvParseResult Parse(Stream stream)
    {
        if (stream.CanSeek)
        {
            return ParseSeekable(stream);
        }
        using var spool = ExportSpool.Create();
        var chunk = new byte[ExportSpool.ChunkBytes];
        int read;
        while (spool.Length <= MaxFileBytes && (read = stream.Read(chunk)) > 0)
        {
            spool.Write(chunk, 0, read);
        }
        spool.Position = 0;
        return ParseSeekable(spool);
    }

    public static LibreViewCsvParseResult Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxFileBytes) return TooLarge();
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return ParseSeekable(stream);
    }

    /// <summary>Reads already decoded text; <paramref name="encoding"/> is only reported back.</summary>
    public static LibreViewCsvParseResult ParseText(string text, string encoding = "text") =>
        ParseReadable(() => new StringReader(text), encoding);

    private static LibreViewCsvParseResult ParseSeekable(Stream stream)
    {
        var start = stream.Position;
        var length = stream.Length - start;
        if (length > MaxFileBytes) return TooLarge();
        if (length == 0) return LibreViewCsvParseResult.Refused("the file is empty");

        var head = new byte[Math.Min(length, ExportTextDecoder.SniffBytes)];
        stream.ReadExactly(head);
        var (encoding, bomLength, name) = ExportTextDecoder.Sniff(head);
        if (encoding is null) return LibreViewCsvParseResult.Refused("the file is binary, not UTF-8 or UTF-16 text");

        TextReader Open(Encoding textEncoding)
        {
            stream.Position = start + bomLength;
            return new StreamReader(stream, textEncoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        }

        try
        {
            return ParseReadable(() => Open(encoding), name);
        }
        catch (DecoderFallbackException) when (ReferenceEquals(encoding, ExportTextDecoder.StrictUtf8))
        {
            return ParseReadable(() => Open(Encoding.Latin1), ExportTextDecoder.Latin1Name);
        }
    }

    /// <summary>Two passes over the text <paramref name="open"/> gives from its start each time.</summary>
    private static LibreViewCsvParseResult ParseReadable(Func<TextReader> open, string encoding)
    {
        using (var sample = open())
        {
            var chars = new char[ExportTextDecoder.BinaryCheckChars];
            if (ExportTextDecoder.LooksBinary(chars.AsSpan(0, sample.ReadBlock(chars))))
            {
                return LibreViewCsvParseResult.Refused($"the file is binary or not {encoding} text");
            }
        }

        try
        {
            ExportHeader? header;
            int headerLine;
            TimestampFormat format;
            using (var reader = open())
            {
                using var records = DataRecords(reader);
                (header, headerLine, var refusal) = FindHeader(records);
                if (header is null) return refusal!;

                var shapes = new ExportRows(header);
                CsvRecord? last = null;
                IEnumerable<TimestampText> WellShapedTimestamps()
                {
                    while (records.MoveNext())
                    {
                        last = records.Current;
                        if (shapes.ShapeProblem(last) is null && shapes.TryReadTimestamp(last, out var text)) yield return text;
                    }
                }

                format = TimestampFormatDetector.Detect(WellShapedTimestamps());
                if (last is not null && !last.EndsWithLineBreak && (last.UnterminatedQuote || last.Fields.Count < header.RequiredFieldCount))
                {
                    return LibreViewCsvParseResult.Refused($"the file is truncated: it ends inside the row at line {last.LineNumber}");
                }
            }

            var rows = new ExportRows(header);
            using (var reader = open())
            {
                using var records = DataRecords(reader);
                while (records.MoveNext())
                {
                    if (records.Current.LineNumber > headerLine && rows.CheckShape(records.Current)) rows.Add(records.Current, format);
                }
            }
            return Result(rows, encoding, format);
        }
        catch (CsvLimitException limit)
        {
            return LibreViewCsvParseResult.Refused($"not a LibreView Glucose Data export: {limit.Message}");
        }
    }

    private static IEnumerator<CsvRecord> DataRecords(TextReader reader) => CsvRecordReader.Read(reader).Where(r => !r.IsBlank).GetEnumerator();

    private static (ExportHeader? Header, int Line, LibreViewCsvParseResult? Refusal) FindHeader(IEnumerator<CsvRecord> records)
    {
        for (var i = 0; i < HeaderSearchRows && records.MoveNext(); i++)
        {
            if (!ExportHeader.LooksLikeHeader(records.Current)) continue;
            return ExportHeader.TryRead(records.Current, out var header, out var headerError)
                ? (header, records.Current.LineNumber, null)
                : (null, 0, LibreViewCsvParseResult.Refused(headerError!));
        }

        return (null, 0, LibreViewCsvParseResult.Refused(
            "not a LibreView Glucose Data export: no header row with 'Serial Number' and 'Record Type' near the top"));
    }

    private static LibreViewCsvParseResult Result(ExportRows rows, string encoding, TimestampFormat format)
    {
        var result = rows.ToResult(encoding, format);
        if (rows.AcceptedCount > 0) return result;
        var firstRejected = result.RejectedRows.FirstOrDefault();
        return LibreViewCsvParseResult.Refused(firstRejected is null
            ? "the export has a header but no data rows"
            : $"no readable data rows: {result.RejectedRowCount} rejected, first at line {firstRejected.LineNumber}: {firstRejected.Reason}");
    }

    private static LibreViewCsvParseResult TooLarge() =>
        LibreViewCsvParseResult.Refused($"the file is larger than {MaxFileBytes / (1024 * 1024)} MB; LibreView exports are far smaller");
}

/// <summary>A temporary file, deleted when closed, that holds an export read from a stream that cannot seek.</summary>
public static class ExportSpool
{
    public const int ChunkBytes = 81920;

    public static FileStream Create() => new(
        Path.Combine(Path.GetTempPath(), $"libreview-export-{Guid.NewGuid():N}.csv"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, ChunkBytes, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
