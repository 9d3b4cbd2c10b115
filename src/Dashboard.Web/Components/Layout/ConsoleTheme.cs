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
        // MudBlazor's dark secondary text (labels, helper text) is 50 % white: 3.9:1 on the dark surface; 72 % reaches 4.5:1.
        // Filled buttons and status colours in the dark theme are light, so their text is dark (white on #5aa9e6 was 2.6:1).
        PaletteDark = new PaletteDark
        {
            Primary = "#5aa9e6", PrimaryContrastText = "#0b1e2d", TextSecondary = "rgba(255,255,255,0.72)",
            Secondary = "#ff8ab8", SecondaryContrastText = "#1e0010", Info = "#7cc0ff", InfoContrastText = "#0b1e2d",
            Success = "#5fd37f", SuccessContrastText = "#06210f", Warning = "#ffc266", WarningContrastText = "#1e1400",
            Error = "#ff8a80", ErrorContrastText = "#1e0000",
            // Text-variant alerts draw their text in the "darken" shade, which is unreadable on a dark page: lighten it.
            InfoDarken = "#b3dbff", SuccessDarken = "#a6ebb8", WarningDarken = "#ffe0b0", ErrorDarken = "#ffc4bd",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
