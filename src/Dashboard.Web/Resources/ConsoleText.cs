namespace Dashboard.Web.Resources;

/// <summary>
/// The console's one set of texts (issue 16 item 5). The rule, for every page, layout and the Link widget:
/// <list type="bullet">
/// <item>Every text a person reads comes from <c>IStringLocalizer&lt;ConsoleText&gt;</c>, injected as <c>L</c> for every
/// component by <c>Components/_Imports.razor</c>; there is no other resource class and no per-component resource.</item>
/// <item><c>ConsoleText.resx</c> holds the English text (the default culture), <c>ConsoleText.de.resx</c> the German;
/// both hold exactly the same keys (a test compares them with the keys the sources use).</item>
/// <item>Keys are stable, short, dotted identifiers naming where the text is and what it is — <c>Area.Thing</c>, such as
/// <c>Patients.Title</c> or <c>Link.Mfa.Verify</c> — never the English sentence. Placeholders are numbered
/// (<c>{0}</c>) and formatted by the localizer with the current culture: <c>L["Patients.Count", count]</c>.</item>
/// <item>A key is always written out as a literal at the place that uses it: <c>L["Area.Thing"]</c>, or, where a key is
/// held in data before it is looked up (the navigation catalog, a switch over states), <c>ConsoleText.Key("Area.Thing")</c>.
/// Keys are never built from pieces, so every key the console uses can be found in its sources.</item>
/// <item>Machine-facing text (the REST API, CSV and JSON exports, chart data) stays invariant and is not localised.</item>
/// </list>
/// </summary>
public sealed class ConsoleText
{
    /// <summary>Marks a key held in data and looked up later with <c>L[key]</c>; returns it unchanged.</summary>
    public static string Key(string key) => key;
}
