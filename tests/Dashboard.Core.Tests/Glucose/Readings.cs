using System.Globalization;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Tests.Glucose;

/// <summary>Short ways to write hand-made series in tests.</summary>
internal static class Readings
{
    /// <summary>Decimal places hand-computed values must match (doubles of the same arithmetic agree far beyond).</summary>
    public const int Precision = 9;

    public static DateTime T(string time) =>
        DateTime.ParseExact(time, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static GlucoseReading Mg(string time, double value) => new(T(time), value, GlucoseUnit.MgPerDl);

    public static GlucoseReading Mmol(string time, double value) => new(T(time), value, GlucoseUnit.MmolPerL);

    /// <summary>mg/dL readings every <paramref name="minutes"/> from <paramref name="start"/>.</summary>
    public static GlucoseReading[] Every(int minutes, string start, params double[] mgdl) =>
        [.. mgdl.Select((v, i) => new GlucoseReading(T(start).AddMinutes(i * minutes), v, GlucoseUnit.MgPerDl))];

    public static GlucoseMetrics Metrics(MetricsWindow window, params GlucoseReading[] readings) =>
        GlucoseMetricsCalculator.Compute(GlucoseSeries.From(readings), window);

    public static GlucoseMetrics Whole(params GlucoseReading[] readings) => Metrics(MetricsWindow.WholeSeries, readings);
}
