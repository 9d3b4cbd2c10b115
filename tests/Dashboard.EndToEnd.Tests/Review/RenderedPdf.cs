using System.Diagnostics;
using System.Text;

namespace Dashboard.EndToEnd.Tests.Review;

/// <summary>
/// A PDF rendered the way a person would look at it: <c>pdftoppm</c> (Debian's poppler-utils) draws every page as a
/// greyscale image, and each page's share of inked (non-white) pixels says whether anything is on it.
/// </summary>
internal static class RenderedPdf
{
    /// <summary>Per page, the fraction of its pixels darker than near-white.</summary>
    public static async Task<IReadOnlyList<double>> InkPerPageAsync(string pdfPath)
    {
        var folder = Directory.CreateTempSubdirectory("pdf-pages-").FullName;
        try
        {
            await RunAsync("pdftoppm", "-r", "30", "-gray", pdfPath, Path.Combine(folder, "page"));
            return [.. Directory.GetFiles(folder, "page*.pgm").Order(StringComparer.Ordinal).Select(InkOf)];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The page count pdfinfo reads from the document.</summary>
    public static async Task<int> PageCountAsync(string pdfPath)
    {
        var info = await RunAsync("pdfinfo", pdfPath);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A binary PGM (P5, 8-bit): header "P5 width height maxval", then one byte a pixel.</summary>
    private static double InkOf(string pgmPath)
    {
        var bytes = File.ReadAllBytes(pgmPath);
        var fields = new List<string>();
        var i = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[i])) i++;
            var start = i;
            while (!char.IsWhiteSpace((char)bytes[i])) i++;
            fields.Add(Encoding.ASCII.GetString(bytes, start, i - start));
        }

        if (fields[0] != "P5") throw new InvalidDataException($"{pgmPath} is not a binary PGM");
        var pixels = int.Parse(fields[1]) * int.Parse(fields[2]);
        var data = bytes.AsSpan(i + 1, pixels);
        var inked = 0;
        foreach (var b in data) if (b < 240) inked++;
        return (double)inked / pixels;
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (Debian package poppler-utils)");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
        return output;
    }
}
