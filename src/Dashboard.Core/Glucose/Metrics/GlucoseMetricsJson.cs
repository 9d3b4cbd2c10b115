using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Core.Glucose.Metrics;

/// <summary>
/// The JSON of <c>metrics --json</c> (DESIGN §8): exactly these fields first, in this order —
/// readings, first, last (YYYY-MM-DDTHH:MM:SS floating local time), mean_mgdl, sd_mgdl, cv_percent,
/// gmi_percent, active_percent, time_very_low_percent, time_low_percent, time_in_range_percent,
/// time_tight_range_percent, time_high_percent, time_very_high_percent, gri — then gri_zone and
/// dt0_minutes. Numbers are unrounded; a value that needs more readings is null.
/// </summary>
public static class GlucoseMetricsJson
{
    public static readonly IReadOnlyList<string> DesignFieldNames =
    [
        "readings", "first", "last", "mean_mgdl", "sd_mgdl", "cv_percent", "gmi_percent", "active_percent",
        "time_very_low_percent", "time_low_percent", "time_in_range_percent", "time_tight_range_percent",
        "time_high_percent", "time_very_high_percent", "gri",
    ];

    public static string Serialize(GlucoseMetrics metrics, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, metrics);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, GlucoseMetrics m)
    {
        writer.WriteStartObject();
        writer.WriteNumber("readings", m.Readings);
        WriteTime(writer, "first", m.First);
        WriteTime(writer, "last", m.Last);
        WriteNumber(writer, "mean_mgdl", m.MeanMgdl);
        WriteNumber(writer, "sd_mgdl", m.SdMgdl);
        WriteNumber(writer, "cv_percent", m.CvPercent);
        WriteNumber(writer, "gmi_percent", m.GmiPercent);
        WriteNumber(writer, "active_percent", m.ActivePercent);
        WriteNumber(writer, "time_very_low_percent", m.TimeVeryLowPercent);
        WriteNumber(writer, "time_low_percent", m.TimeLowPercent);
        WriteNumber(writer, "time_in_range_percent", m.TimeInRangePercent);
        WriteNumber(writer, "time_tight_range_percent", m.TimeTightRangePercent);
        WriteNumber(writer, "time_high_percent", m.TimeHighPercent);
        WriteNumber(writer, "time_very_high_percent", m.TimeVeryHighPercent);
        WriteNumber(writer, "gri", m.Gri);
        if (m.GriZone is { } zone) writer.WriteString("gri_zone", zone.ToString());
        else writer.WriteNull("gri_zone");
        if (m.Dt0Minutes is { } dt0) writer.WriteNumber("dt0_minutes", dt0);
        else writer.WriteNull("dt0_minutes");
        writer.WriteEndObject();
    }

    /// <summary>Floating local time as DESIGN §8 writes it: YYYY-MM-DDTHH:MM:SS, no offset.</summary>
    public static string FormatTime(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTime? time)
    {
        if (time is { } t) writer.WriteString(name, FormatTime(t));
        else writer.WriteNull(name);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
