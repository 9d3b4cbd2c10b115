using LibreView.Csv;

namespace Dashboard.Core.Glucose.Import;

/// <summary>
/// Reads an export from a stream that only supports asynchronous reads (a browser upload on Blazor Server) into a
/// temporary file — never more than one chunk past the parser's size cap, and never into memory — then parses it from
/// there. A read failure is a refused result.
/// </summary>
public static class CsvExportUpload
{
    public static async Task<LibreViewCsvParseResult> ParseAsync(Stream stream, CancellationToken ct = default)
    {
        await using var spool = ExportSpool.Create();
        var chunk = new byte[ExportSpool.ChunkBytes];
        try
        {
            int read;
            while (spool.Length <= LibreViewCsvParser.MaxFileBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                await spool.WriteAsync(chunk.AsMemory(0, read), ct);
            }
        }
        catch (IOException e)
        {
            return new LibreViewCsvParseResult { Error = $"the file could not be read: {e.Message}" };
        }

        // Over the cap the parser refuses the file without looking at it.
        spool.Position = 0;
        return LibreViewCsvParser.Parse(spool);
    }
}
