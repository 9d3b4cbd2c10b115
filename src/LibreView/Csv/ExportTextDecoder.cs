using System.Text;

namespace LibreView.Csv;

/// <summary>
/// Tells how the bytes of an export are text: UTF-8 (with or without BOM) or UTF-16 (LE with or without
/// BOM, as the 2018–19 exports are; BE with BOM). A file that is not valid UTF-8 was re-saved by a
/// spreadsheet in a Western code page: the parser then reads it as ISO-8859-1 so accented notes survive.
/// Refuses binary content.
/// </summary>
internal static class ExportTextDecoder
{
    public const int SniffBytes = 512;
    public const int BinaryCheckChars = 65536;
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    public const string Latin1Name = "ISO-8859-1 (not valid UTF-8)";

    /// <summary>The encoding the first bytes show, how long its byte order mark is, and its name; no encoding when binary.</summary>
    public static (Encoding? Encoding, int BomLength, string Name) Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (StrictUtf8, 3, "UTF-8 with BOM");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode, 2, "UTF-16LE with BOM");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode, 2, "UTF-16BE with BOM");

        var head = bytes[..Math.Min(bytes.Length, SniffBytes)];
        int zerosAtEven = 0, zerosAtOdd = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] != 0) continue;
            if (i % 2 == 0) zerosAtEven++;
            else zerosAtOdd++;
        }

        var pairs = Math.Max(1, head.Length / 2);
        if (zerosAtOdd > pairs * 0.4 && zerosAtEven < pairs * 0.05) return (Encoding.Unicode, 0, "UTF-16LE without BOM");
        if (zerosAtEven > pairs * 0.4 && zerosAtOdd < pairs * 0.05) return (Encoding.BigEndianUnicode, 0, "UTF-16BE without BOM");
        return zerosAtEven + zerosAtOdd > 0 ? (null, 0, "binary") : (StrictUtf8, 0, "UTF-8");
    }

    /// <summary>More than 1 % control or undecodable characters in the first 64 K characters.</summary>
    public static bool LooksBinary(ReadOnlySpan<char> sample)
    {
        var bad = 0;
        foreach (var c in sample)
        {
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
            {
                bad++;
            }
        }

        return bad * 100 > sample.Length;
    }
}
