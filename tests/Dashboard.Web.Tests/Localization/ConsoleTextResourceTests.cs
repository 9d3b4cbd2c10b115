using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.TestSupport;
using Dashboard.Web.Resources;

namespace Dashboard.Web.Tests.Localization;

/// <summary>
/// The console's one resource (ConsoleText): English and German hold the same keys, every key the sources use is in
/// both, no key is unused, and each translation keeps its placeholders.
/// </summary>
public sealed partial class ConsoleTextResourceTests
{
    private static readonly string WebProject = Path.Combine(RepositoryRoot.Path, "src", "Dashboard.Web");

    private static Dictionary<string, string> Entries(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static readonly Dictionary<string, string> English = Entries("ConsoleText.resx");
    private static readonly Dictionary<string, string> German = Entries("ConsoleText.de.resx");

    /// <summary>Every key written in the sources: <c>L["…"]</c> (also <c>L["…", args]</c>) and <c>ConsoleText.Key("…")</c>.</summary>
    private static SortedSet<string> UsedKeys()
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            // Comment lines (documentation that shows how a key is written) are not uses.
            var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match match in KeyUse().Matches(code))
            {
                used.Add(match.Groups["key"].Value);
            }
        }
        return used;
    }

    [GeneratedRegex("""(?:\bL\[\s*|\bConsoleText\.Key\(\s*)"(?<key>[^"]+)"\s*[,\])]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void English_and_German_hold_the_same_keys()
    {
        Assert.Empty(English.Keys.Except(German.Keys).Order());
        Assert.Empty(German.Keys.Except(English.Keys).Order());
    }

    [Fact]
    public void Every_key_the_console_uses_is_in_both_languages()
    {
        var used = UsedKeys();

        Assert.True(used.Count > 300, $"only {used.Count} keys found: the scan no longer reads the sources");
        Assert.Empty(used.Except(English.Keys));
        Assert.Empty(used.Except(German.Keys));
    }

    [Fact]
    public void No_key_is_unused()
    {
        var used = UsedKeys();

        Assert.Empty(English.Keys.Except(used).Order());
    }

    [Fact]
    public void Keys_are_dotted_identifiers_and_no_text_is_empty()
    {
        Assert.All(English.Keys, k => Assert.Matches(@"^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$", k));
        Assert.All(English, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
        Assert.All(German, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void A_translation_keeps_the_placeholders_of_the_English_text()
    {
        static string[] Holes(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order().ToArray();

        Assert.All(English, e => Assert.True(Holes(e.Value).SequenceEqual(Holes(German[e.Key])), $"{e.Key}: {e.Value} / {German[e.Key]}"));
    }

    [Fact]
    public void The_built_app_reads_German_from_its_satellite_assembly_and_English_by_default()
    {
        var resources = new ResourceManager(typeof(ConsoleText));

        Assert.Equal("Patienten", resources.GetString("Nav.Patients", CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("Patients", resources.GetString("Nav.Patients", CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("Patients", resources.GetString("Nav.Patients", CultureInfo.InvariantCulture));
    }
}
