using System.Text;

namespace LibreView.Csv;

/// <summary>One CSV record: its fields (quotes removed, surrounding spaces trimmed) and where it starts.</summary>
internal sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, bool EndsWithLineBreak, bool UnterminatedQuote)
{
    public string this[int index] => index < Fields.Count ? Fields[index] : "";

    /// <summary>Number of fields up to the last non-empty one (exports pad rows and titles with commas).</summary>
    public int FilledFieldCount
    {
        get
        {
            var n = Fields.Count;
            while (n > 0 && Fields[n - 1].Length == 0) n--;
            return n;
        }
    }

    public bool IsBlank => FilledFieldCount == 0;
}

/// <summary>
/// Splits text into CSV records: comma separated, double-quoted fields with "" escapes and line breaks
/// inside quotes, CRLF / LF / CR line ends. Tracks the 1-based physical line each record starts on.
/// </summary>
internal static class CsvRecordReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var fields = new List<string>(20);
        var field = new StringBuilder(64);
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { inQuotes = false; i++; continue; }
                if (c == '\n') line++;
                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when IsBlank(field):
                    field.Clear();
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString().Trim());
                    field.Clear();
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    fields.Add(field.ToString().Trim());
                    field.Clear();
                    yield return new CsvRecord(recordLine, fields.ToArray(), EndsWithLineBreak: true, UnterminatedQuote: false);
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (fields.Count > 0 || field.Length > 0 || inQuotes)
        {
            fields.Add(field.ToString().Trim());
            yield return new CsvRecord(recordLine, fields.ToArray(), EndsWithLineBreak: false, UnterminatedQuote: inQuotes);
        }
    }

    private static bool IsBlank(StringBuilder field)
    {
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != ' ') return false;
        }

        return true;
    }
}
