using LibreView.Csv;

namespace Dashboard.Core.Glucose.Import;

/// <summary>
/// Reads an export from a stream that only supports asynchronous reads (a browser upload on Blazor Server),
/// never more than one chunk past the parser's size cap, then parses it. A read failure is a refused result.
/// </summary>
public static class CsvExportUpload
{
    public static async Task<LibreViewCsvParseResult> ParseAsync(Stream stream, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while (buffer.Length <= LibreViewCsvParser.MaxFileBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e)
        {
            return new LibreViewCsvParseResult { Error = $"the file could not be read: {e.Message}" };
        }

        // Over the cap the parser refuses the file without looking at it.
        return LibreViewCsvParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
