using MudBlazor;

namespace Dashboard.Web.Components.Layout;

public static class ConsoleTheme
{
    public static MudTheme Value { get; } = new()
    {
        // Status colours darker than MudBlazor's defaults so chip and alert text on white reaches 4.5:1 (WCAG 1.4.3):
        // the default green chip measured 2.2:1, the amber alert 2.9:1, the pink toggle 3.3:1.
        PaletteLight = new PaletteLight
        {
            Primary = "#1b6ec2", AppbarBackground = "#1b4f72",
            Secondary = "#a0185a", Success = "#1e7a34", Info = "#0b62a8", Warning = "#8a4f00", Error = "#c62828",
        },
        PaletteDark = new PaletteDark { Primary = "#5aa9e6" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
