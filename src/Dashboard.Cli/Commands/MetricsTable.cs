using System.Globalization;
using Dashboard.Core.Glucose;
using LibreView.Csv;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Cli.Commands;

/// <summary>The readable table of <c>metrics</c>: what was read from the export, then the §8 metrics with the consensus goals.</summary>
public static class MetricsTable
{
    public static void Write(TextWriter output, string fileName, LibreViewCsvParseResult export, GlucoseMetrics m)
    {
        WriteExport(output, fileName, export);
        output.WriteLine();
        WriteMetrics(output, m);
    }

    /// <summary>What was read from an export: device, unit, date format, encoding, rows per record type, rejected rows.</summary>
    public static void WriteExport(TextWriter output, string fileName, LibreViewCsvParseResult export)
    {
        var unit = export.Unit;
        Line(output, "Export", fileName);
        Line(output, "Device", $"{export.Device} ({export.SerialNumber}), {GlucoseUnits.Symbol(unit)}, {export.DateFormat.Pattern}, {export.Encoding}");
        Line(output, "Rows by record type", string.Join(", ", export.RowsPerRecordType.Where(p => p.Value > 0).Select(p => $"{(int)p.Key} {p.Key}: {p.Value}")));
        Line(output, "Rows rejected", export.RejectedRowCount == 0 ? "0" : $"{export.RejectedRowCount} (first at line {export.RejectedRows[0].LineNumber}: {export.RejectedRows[0].Reason})");
    }

    /// <summary>The §8 metrics of one window with the consensus goals.</summary>
    public static void WriteMetrics(TextWriter output, GlucoseMetrics m)
    {
        Line(output, "Window", m.Window.ToString());
        Line(output, "Readings (historic)", m.Readings.ToString(CultureInfo.InvariantCulture));
        if (m.Readings == 0)
        {
            output.WriteLine("No historic readings in this window.");
            return;
        }

        Line(output, "First / last", $"{GlucoseMetricsJson.FormatTime(m.First!.Value)} / {GlucoseMetricsJson.FormatTime(m.Last!.Value)}");
        Line(output, "Time CGM active", $"{N(m.ActivePercent)} %{(m.HasSufficientData ? "" : $"   WARNING: under {ConsensusGoals.ActiveAtLeastPercent} %, too little data")}");
        Line(output, "Mean glucose", $"{N(m.MeanMgdl)} mg/dL ({N(m.MeanMgdl / GlucoseUnits.MgPerDlPerMmolPerL, 2)} mmol/L)");
        Line(output, "GMI", $"{N(m.GmiPercent, 2)} %");
        Line(output, "CV", $"{N(m.CvPercent)} %   goal ≤ {ConsensusGoals.CvAtMostPercent} %");
        Line(output, "SD", $"{N(m.SdMgdl)} mg/dL");
        (string Label, double? Percent, string Goal)[] bands =
        [
            ("Very high", m.TimeVeryHighPercent, $"goal < {ConsensusGoals.TimeVeryHighBelowPercent} %"),
            ("High", m.TimeHighPercent, $"goal < {ConsensusGoals.TimeHighBelowPercent} %"),
            ("In range", m.TimeInRangePercent, $"goal > {ConsensusGoals.TimeInRangeAbovePercent} %"),
            ("Tight range", m.TimeTightRangePercent, ""),
            ("Low", m.TimeLowPercent, $"goal < {ConsensusGoals.TimeLowBelowPercent} %"),
            ("Very low", m.TimeVeryLowPercent, $"goal < {ConsensusGoals.TimeVeryLowBelowPercent} %"),
        ];
        foreach (var (label, percent, goal) in bands) Line(output, label, $"{N(percent)} %   {goal}".TrimEnd());
        Line(output, "GRI", $"{N(m.Gri)} (zone {m.GriZone})");
        Line(output, "dt0", $"{m.Dt0Minutes} min");
    }

    public static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-22}{value}");

    private static string N(double? value, int decimals = 1) =>
        value is { } v ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "–";
}
