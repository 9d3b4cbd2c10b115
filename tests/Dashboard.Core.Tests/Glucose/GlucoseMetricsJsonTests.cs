using System.Text.Json;
using Dashboard.Core.Glucose;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Tests.Glucose;

public class GlucoseMetricsJsonTests
{
    [Fact]
    public void Json_has_exactly_the_design_fields_in_order_then_the_extras()
    {
        var json = GlucoseMetricsJson.Serialize(Whole(Every(15, "2024-01-01 08:00", 100, 120, 140, 160)));

        using var doc = JsonDocument.Parse(json);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["readings", "first", "last", "mean_mgdl", "sd_mgdl", "cv_percent", "gmi_percent", "active_percent",
             "time_very_low_percent", "time_low_percent", "time_in_range_percent", "time_tight_range_percent",
             "time_high_percent", "time_very_high_percent", "gri", "gri_zone", "dt0_minutes"],
            names);
        Assert.Equal(GlucoseMetricsJson.DesignFieldNames, names.Take(15));
        Assert.Equal(4, doc.RootElement.GetProperty("readings").GetInt32());
        Assert.Equal("2024-01-01T08:00:00", doc.RootElement.GetProperty("first").GetString());
        Assert.Equal("2024-01-01T08:45:00", doc.RootElement.GetProperty("last").GetString());
        Assert.Equal(130, doc.RootElement.GetProperty("mean_mgdl").GetDouble());
        Assert.Equal(75, doc.RootElement.GetProperty("time_tight_range_percent").GetDouble());
        Assert.Equal("A", doc.RootElement.GetProperty("gri_zone").GetString());
    }

    [Fact]
    public void Json_of_an_empty_window_writes_nulls_not_zeros_for_unknown_values()
    {
        var json = GlucoseMetricsJson.Serialize(GlucoseMetrics.Empty(MetricsWindow.LastDays(14)), indented: false);

        Assert.Equal(
            """{"readings":0,"first":null,"last":null,"mean_mgdl":null,"sd_mgdl":null,"cv_percent":null,"gmi_percent":null,"active_percent":0,"time_very_low_percent":null,"time_low_percent":null,"time_in_range_percent":null,"time_tight_range_percent":null,"time_high_percent":null,"time_very_high_percent":null,"gri":null,"gri_zone":null,"dt0_minutes":null}""",
            json);
    }
}
