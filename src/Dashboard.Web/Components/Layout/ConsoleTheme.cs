using MudBlazor;

namespace Dashboard.Web.Components.Layout;

public static class ConsoleTheme
{
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1b6ec2", AppbarBackground = "#1b4f72" },
        PaletteDark = new PaletteDark { Primary = "#5aa9e6" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
