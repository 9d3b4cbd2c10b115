using System.Text;

namespace LibreView.Csv;

/// <summary>
/// Turns the bytes of an export into text: UTF-8 (with or without BOM) or UTF-16 (LE with or without
/// BOM, as the 2018–19 exports are; BE with BOM). A file that is not valid UTF-8 was re-saved by a
/// spreadsheet in a Western code page: it is read as ISO-8859-1 so accented notes survive. Refuses
/// binary content.
/// </summary>
internal static class ExportTextDecoder
{
    private const int SniffBytes = 512;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string encodingName, out string? error)
    {
        text = "";
        error = null;
        var (encoding, bomLength, name) = Sniff(bytes);
        encodingName = name;
        if (encoding is null)
        {
            error = "the file is binary, not UTF-8 or UTF-16 text";
            return false;
        }

        if (!TryGetString(encoding, bytes[bomLength..], out text))
        {
            (text, encodingName) = (Encoding.Latin1.GetString(bytes[bomLength..]), "ISO-8859-1 (not valid UTF-8)");
        }

        if (LooksBinary(text))
        {
            error = $"the file is binary or not {encodingName} text";
            return false;
        }

        return true;
    }

    private static (Encoding? Encoding, int BomLength, string Name) Sniff(ReadOnlySpan<byte> bytes)
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

    private static bool TryGetString(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>More than 1 % control or undecodable characters in the first 64 K characters.</summary>
    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 65536));
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
