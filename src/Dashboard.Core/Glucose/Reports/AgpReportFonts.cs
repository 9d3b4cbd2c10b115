using PdfSharp.Fonts;

namespace Dashboard.Core.Glucose.Reports;

/// <summary>
/// The one font of the AGP report: DejaVu Sans (regular and bold), read from the system's font folder. PDFsharp's core
/// build finds no fonts by itself on Linux, and DejaVu has every glyph the report prints (–, ≤, ≥, °). It is Debian's
/// <c>fonts-dejavu-core</c>, which .ci/run installs; the font is embedded (subset) in each PDF, so readers need nothing.
/// </summary>
public sealed class AgpReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    /// <summary>Where Debian, Ubuntu, Fedora and Arch put the DejaVu files.</summary>
    private static readonly string[] Folders =
        ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Makes PDFsharp use these fonts (once per process; PDFsharp's font settings are global).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new AgpReportFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace);

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }

        throw new InvalidOperationException(
            $"The AGP report needs the font {faceName}.ttf (DejaVu Sans; on Debian the package fonts-dejavu-core) in one of: {string.Join(", ", Folders)}.");
    }
}
