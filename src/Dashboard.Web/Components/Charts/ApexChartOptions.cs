using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Components.Charts;

/// <summary>
/// The part of the ApexCharts options (https://apexcharts.com/docs/options/) this app uses, as typed records.
/// <see cref="ToJson"/> writes the camel-cased JSON ApexCharts reads, leaving out what is not set so the library's
/// defaults apply. ApexCharts formatters are functions, which JSON cannot carry: a <c>formatter</c> here is the name
/// of one of the functions of <c>ApexChart.razor.js</c> (see <see cref="Formatters"/>).
/// </summary>
public sealed record ApexChartOptions
{
    public required ChartSettings Chart { get; init; }
    public required IReadOnlyList<ApexSeries> Series { get; init; }
    public IReadOnlyList<string>? Colors { get; init; }
    public XAxis? Xaxis { get; init; }
    public YAxis? Yaxis { get; init; }
    public Annotations? Annotations { get; init; }
    public Stroke? Stroke { get; init; }
    public Fill? Fill { get; init; }
    public DataLabels? DataLabels { get; init; }
    public Legend? Legend { get; init; }
    public Tooltip? Tooltip { get; init; }
    public PlotOptions? PlotOptions { get; init; }
    public Markers? Markers { get; init; }
    public Grid? Grid { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The JSON goes to JSON.parse, never into HTML: "5–95 %" may stay as it is, and shorter.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>Names of the label formatters the JS module knows; it writes the numbers in the culture ApexChart passes it (5,5 in German).</summary>
public static class Formatters
{
    /// <summary>Minutes of the day as HH:mm (0 → 00:00, 1,425 → 23:45).</summary>
    public const string MinutesOfDay = "minutesOfDay";

    /// <summary>A number with no decimals.</summary>
    public const string Whole = "whole";

    /// <summary>A number with one decimal.</summary>
    public const string OneDecimal = "oneDecimal";

    /// <summary>A percentage with one decimal and " %".</summary>
    public const string Percent = "percent";

    public static string ForDecimals(int decimals) => decimals == 0 ? Whole : OneDecimal;
}

public sealed record ChartSettings
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    public object? Height { get; init; }
    public bool? Stacked { get; init; }
    public string? StackType { get; init; }
    public string? FontFamily { get; init; }

    /// <summary>The colour of axis labels, titles and legend text.</summary>
    public string? ForeColor { get; init; }
    public string? Background { get; init; }
    public Toggle? Zoom { get; init; }
    public Toggle? Toolbar { get; init; }
    public Toggle? Animations { get; init; }
    public Toggle? Sparkline { get; init; }
}

public sealed record Toggle(bool Enabled)
{
    /// <summary>For zoom: "x" (zoom the time axis only).</summary>
    public string? Type { get; init; }

    /// <summary>For the toolbar (it uses "show", not "enabled").</summary>
    public bool? Show { get; init; }
}

/// <summary>A series; <see cref="Data"/> is a list of points, band points or plain numbers.</summary>
public sealed record ApexSeries(string Name, object Data)
{
    public string? Type { get; init; }
    public string? Color { get; init; }
}

public sealed record XAxis
{
    public string? Type { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public int? TickAmount { get; init; }
    public IReadOnlyList<string>? Categories { get; init; }
    public AxisLabels? Labels { get; init; }
    public AxisTitle? Title { get; init; }
    public AxisBorder? AxisBorder { get; init; }
}

public sealed record AxisBorder
{
    public string? Color { get; init; }
}

public sealed record Grid
{
    public string? BorderColor { get; init; }
}

public sealed record YAxis
{
    public double? Min { get; init; }
    public double? Max { get; init; }
    public int? TickAmount { get; init; }
    public bool? Show { get; init; }
    public AxisLabels? Labels { get; init; }
    public AxisTitle? Title { get; init; }
}

public sealed record AxisLabels
{
    public string? Formatter { get; init; }
    public string? Format { get; init; }
    public bool? DatetimeUTC { get; init; }
    public bool? Show { get; init; }
}

public sealed record AxisTitle(string Text);

public sealed record Annotations
{
    public IReadOnlyList<YAxisAnnotation>? Yaxis { get; init; }
    public IReadOnlyList<XAxisAnnotation>? Xaxis { get; init; }
}

public sealed record YAxisAnnotation(double Y)
{
    public double? Y2 { get; init; }
    public string? FillColor { get; init; }
    public double? Opacity { get; init; }
    public string? BorderColor { get; init; }
    public AnnotationLabel? Label { get; init; }
}

public sealed record XAxisAnnotation(double X)
{
    public double? X2 { get; init; }
    public string? FillColor { get; init; }
    public double? Opacity { get; init; }
    public string? BorderColor { get; init; }
    public int? StrokeDashArray { get; init; }
    public AnnotationLabel? Label { get; init; }
}

public sealed record AnnotationLabel(string Text)
{
    public string? BorderColor { get; init; }
    public string? Orientation { get; init; }
    public string? Position { get; init; }
    public double? OffsetY { get; init; }
    public AnnotationLabelStyle? Style { get; init; }
}

public sealed record AnnotationLabelStyle(string Color, string Background);

public sealed record Stroke
{
    public string? Curve { get; init; }
    public IReadOnlyList<double>? Width { get; init; }
}

public sealed record Fill
{
    public IReadOnlyList<double>? Opacity { get; init; }
}

public sealed record DataLabels(bool Enabled)
{
    public string? Formatter { get; init; }
}

public sealed record Legend
{
    public bool? Show { get; init; }
    public string? Position { get; init; }
    public bool? ShowForSingleSeries { get; init; }
    public bool? InverseOrder { get; init; }
    public LegendLabels? Labels { get; init; }
}

public sealed record LegendLabels
{
    public string? Colors { get; init; }
}

public sealed record Tooltip
{
    public bool? Enabled { get; init; }
    public bool? Shared { get; init; }
    public TooltipValue? X { get; init; }
    public TooltipValue? Y { get; init; }

    /// <summary>"light" or "dark".</summary>
    public string? Theme { get; init; }
}

public sealed record TooltipValue
{
    public string? Format { get; init; }
    public string? Formatter { get; init; }
}

public sealed record PlotOptions(BarOptions Bar);

public sealed record BarOptions
{
    public bool? Horizontal { get; init; }
    public string? ColumnWidth { get; init; }
}

public sealed record Markers
{
    public double? Size { get; init; }
}
