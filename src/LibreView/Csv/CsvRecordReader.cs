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

/// <summary>A row beyond the reader's limits: the file is not an export, and reading on would only cost memory.</summary>
internal sealed class CsvLimitException(string message) : Exception(message);

/// <summary>
/// Splits text into CSV records: comma separated, double-quoted fields with "" escapes and line breaks
/// inside quotes, CRLF / LF / CR line ends. Tracks the 1-based physical line each record starts on.
/// Streams: one record is in memory at a time, and a record longer than <paramref name="maxRecordChars"/> characters
/// or with more than <paramref name="maxFields"/> fields stops the reading with a <see cref="CsvLimitException"/>.
/// </summary>
internal static class CsvRecordReader
{
    public static IEnumerable<CsvRecord> Read(string text) => Read(new StringReader(text));

    public static IEnumerable<CsvRecord> Read(TextReader reader, int maxRecordChars = LibreViewCsvParser.MaxRecordChars, int maxFields = LibreViewCsvParser.MaxFields)
    {
        var chars = new CharSource(reader);
        var fields = new List<string>(20);
        var field = new StringBuilder(64);
        var line = 1;
        var recordLine = 1;
        var recordChars = 0;
        var inQuotes = false;
        int c;

        void EndField()
        {
            if (fields.Count == maxFields)
            {
                throw new CsvLimitException($"the row at line {recordLine} has more than {maxFields} fields");
            }
            fields.Add(field.ToString().Trim());
            field.Clear();
        }

        while ((c = chars.Next()) >= 0)
        {
            if (++recordChars > maxRecordChars)
            {
                throw new CsvLimitException($"the row at line {recordLine} is longer than {maxRecordChars:N0} characters");
            }
            if (inQuotes)
            {
                if (c == '"' && chars.Peek() == '"') { field.Append('"'); chars.Next(); continue; }
                if (c == '"') { inQuotes = false; continue; }
                if (c == '\n') line++;
                field.Append((char)c);
                continue;
            }

            switch (c)
            {
                case '"' when IsBlank(field):
                    field.Clear();
                    inQuotes = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r' or '\n':
                    if (c == '\r' && chars.Peek() == '\n') chars.Next();
                    EndField();
                    yield return new CsvRecord(recordLine, fields.ToArray(), EndsWithLineBreak: true, UnterminatedQuote: false);
                    fields.Clear();
                    line++;
                    recordLine = line;
                    recordChars = 0;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }

        if (fields.Count > 0 || field.Length > 0 || inQuotes)
        {
            EndField();
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

    /// <summary>Characters from a reader through one reused buffer, with one character of look-ahead.</summary>
    private sealed class CharSource(TextReader reader)
    {
        private readonly char[] _buffer = new char[16 * 1024];
        private int _position;
        private int _length;

        public int Next() => _position < _length || Fill() ? _buffer[_position++] : -1;

        public int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

        private bool Fill()
        {
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            return _length > 0;
        }
    }
}
