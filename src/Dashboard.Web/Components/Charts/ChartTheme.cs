namespace Dashboard.Web.Components.Charts;

/// <summary>
/// The console's theme as the charts need it: text, grid and tooltip colours, and each series colour's counterpart
/// on a dark page. MainLayout cascades it, so every <see cref="ApexChart"/> redraws in place when the theme changes.
/// ApexCharts' own defaults are dark grey text on a transparent background, which vanished on the dark theme
/// (issue 16 item 6).
/// </summary>
public sealed record ChartTheme(bool IsDark)
{
    public static ChartTheme Light { get; } = new(false);

    public static ChartTheme Dark { get; } = new(true);

    public static ChartTheme Of(bool isDark) => isDark ? Dark : Light;

    /// <summary>Axis labels, titles and legends: the theme's primary text colour (light: 87 % black, dark: white at 87 %).</summary>
    public string TextColor => IsDark ? "#E0E0E0" : "#424242";

    public string GridColor => IsDark ? "#4A4A52" : "#E0E0E0";

    /// <summary>
    /// Series colours chosen for a white page, lightened for the dark one so lines and bands keep their contrast with
    /// the background (the dark navy median was 1.6:1 on the dark surface). Colours not listed stay as they are: the
    /// range colours are mid-tones that read on both.
    /// </summary>
    private static readonly Dictionary<string, string> DarkCounterparts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["#0D47A1"] = "#E3F2FD", // AGP median, compare chosen median
        ["#1E88E5"] = "#64B5F6", // AGP 25–75 %
        ["#90CAF9"] = "#1E88E5", // AGP 5–95 %: the outer band stays the darker of the two bands
        ["#1565C0"] = "#82B1FF", // detail glucose line
        ["#8E24AA"] = "#E1A6F0", // compare second median
        ["#A2231D"] = "#FF6F61", // very low
    };

    public string SeriesColor(string color) => IsDark && DarkCounterparts.TryGetValue(color, out var dark) ? dark : color;

    /// <summary>
    /// The options with this theme's colours: text, grid, tooltip, legend and series. No ApexCharts <c>theme.mode</c>:
    /// on a live update that mode puts its own text colour (#f6f7f8) over <c>chart.foreColor</c>.
    /// </summary>
    public ApexChartOptions Apply(ApexChartOptions options) => options with
    {
        Chart = options.Chart with { ForeColor = TextColor, Background = "transparent" },
        Grid = new Grid { BorderColor = GridColor },
        Colors = options.Colors?.Select(SeriesColor).ToList(),
        Series = [.. options.Series.Select(s => s.Color is null ? s : s with { Color = SeriesColor(s.Color) })],
        Legend = (options.Legend ?? new Legend()) with { Labels = new LegendLabels { Colors = TextColor } },
        Tooltip = (options.Tooltip ?? new Tooltip()) with { Theme = IsDark ? "dark" : "light" },
        Xaxis = (options.Xaxis ?? new XAxis()) with { AxisBorder = new AxisBorder { Color = GridColor } },
    };
}
