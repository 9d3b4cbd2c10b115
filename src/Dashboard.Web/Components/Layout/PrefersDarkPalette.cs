using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The console theme's dark palette as CSS that applies only while the browser prefers a dark colour scheme
/// (<c>@media (prefers-color-scheme: dark)</c>). The patient pages render it beside a light <see cref="MudThemeProvider"/>
/// when the browser has no stored theme: the browser picks the palette itself, before the first paint and without a
/// script, and follows a change of the system setting at once. MudBlazor builds the variables (the same ones its
/// provider writes for dark mode), so nothing here restates a colour. Use it as
/// <c>&lt;PrefersDarkPalette Theme="ConsoleTheme.Value" IsDarkMode="true" /&gt;</c>.
/// </summary>
public sealed class PrefersDarkPalette : MudThemeProvider
{
    public const string MediaQuery = "(prefers-color-scheme: dark)";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "style");
        builder.AddAttribute(1, "data-prefers-dark", "true");
        builder.AddMarkupContent(2, $"@media {MediaQuery} {{ {Inner(BuildTheme())} }}");
        builder.CloseElement();
    }

    // BuildTheme writes a whole <style> element; the media block needs only its rules.
    private static string Inner(string style) =>
        style.Replace("<style>", "", StringComparison.Ordinal).Replace("</style>", "", StringComparison.Ordinal);
}
