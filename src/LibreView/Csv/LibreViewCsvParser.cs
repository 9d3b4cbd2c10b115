namespace LibreView.Csv;

/// <summary>
/// Reads a LibreView "Glucose Data" export as users download it from the LibreView portal (see
/// DESIGN §7): current and 2018–19 legacy headers, UTF-8 or UTF-16, any line ends, padded titles,
/// spaces around values, mg/dL or mmol/L, day-first or month-first timestamps. Never throws for bad
/// content: a refused file has <see cref="LibreViewCsvParseResult.Error"/> set, bad rows are listed in
/// <see cref="LibreViewCsvParseResult.RejectedRows"/>.
/// </summary>
public static class LibreViewCsvParser
{
    /// <summary>Exports above this size are refused (a year of 5-minute data is about 10 MB).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>The header is looked for in this many first non-blank rows (title lines come before it).</summary>
    private const int HeaderSearchRows = 5;

    public static LibreViewCsvParseResult ParseFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LibreViewCsvParseResult.Refused($"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>Reads at most <see cref="MaxFileBytes"/> from the stream; a longer stream is refused.</summary>
    public static LibreViewCsvParseResult Parse(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static LibreViewCsvParseResult Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxFileBytes) return TooLarge();
        if (bytes.IsEmpty) return LibreViewCsvParseResult.Refused("the file is empty");
        return ExportTextDecoder.TryDecode(bytes, out var text, out var encoding, out var error)
            ? ParseText(text, encoding)
            : LibreViewCsvParseResult.Refused(error!);
    }

    /// <summary>Reads already decoded text; <paramref name="encoding"/> is only reported back.</summary>
    public static LibreViewCsvParseResult ParseText(string text, string encoding = "text")
    {
        using var records = CsvRecordReader.Read(text).Where(r => !r.IsBlank).GetEnumerator();
        ExportHeader? header = null;
        for (var i = 0; i < HeaderSearchRows && header is null && records.MoveNext(); i++)
        {
            if (!ExportHeader.LooksLikeHeader(records.Current)) continue;
            if (!ExportHeader.TryRead(records.Current, out header, out var headerError))
            {
                return LibreViewCsvParseResult.Refused(headerError!);
            }
        }

        if (header is null)
        {
            return LibreViewCsvParseResult.Refused(
                "not a LibreView Glucose Data export: no header row with 'Serial Number' and 'Record Type' near the top");
        }

        var rows = new List<CsvRecord>();
        while (records.MoveNext()) rows.Add(records.Current);
        return ReadRows(header, rows, encoding);
    }

    private static LibreViewCsvParseResult ReadRows(ExportHeader header, List<CsvRecord> rows, string encoding)
    {
        if (EndsInsideARow(header, rows))
        {
            return LibreViewCsvParseResult.Refused($"the file is truncated: it ends inside the row at line {rows[^1].LineNumber}");
        }

        var reader = new ExportRows(header);
        var wellShaped = rows.Where(reader.CheckShape).ToList();
        var format = TimestampFormatDetector.Detect(wellShaped.Select(row =>
        {
            reader.TryReadTimestamp(row, out var text);
            return text;
        }));
        foreach (var row in wellShaped) reader.Add(row, format);

        var result = reader.ToResult(encoding, format);
        if (reader.AcceptedCount > 0) return result;
        var firstRejected = result.RejectedRows.FirstOrDefault();
        return LibreViewCsvParseResult.Refused(firstRejected is null
            ? "the export has a header but no data rows"
            : $"no readable data rows: {result.RejectedRows.Count} rejected, first at line {firstRejected.LineNumber}: {firstRejected.Reason}");
    }

    /// <summary>The file stops inside its last row: no line end after it, and a quote left open or fields missing.</summary>
    private static bool EndsInsideARow(ExportHeader header, List<CsvRecord> rows) =>
        rows.Count > 0 && !rows[^1].EndsWithLineBreak
        && (rows[^1].UnterminatedQuote || rows[^1].Fields.Count < header.RequiredFieldCount);

    private static LibreViewCsvParseResult TooLarge() =>
        LibreViewCsvParseResult.Refused($"the file is larger than {MaxFileBytes / (1024 * 1024)} MB; LibreView exports are far smaller");
}
