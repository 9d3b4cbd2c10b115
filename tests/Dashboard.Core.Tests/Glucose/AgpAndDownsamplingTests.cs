using Dashboard.Core.Glucose;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Agp;
using Dashboard.Core.Glucose.Downsampling;
using Dashboard.Core.Glucose.Timeseries;
using Dashboard.Core.Glucose.Synthetic;

namespace Dashboard.Core.Tests.Glucose;

public class AgpAndDownsamplingTests
{
    [Fact]
    public void Agp_slot_percentiles_follow_the_type_7_rule()
    {
        // Five days with a reading at 08:05 (slot 08:00–08:15): 140, 100, 130, 110, 120 → sorted 100 110 120 130 140
        var readings = new[] { 140.0, 100, 130, 110, 120 }.Select((v, day) => Mg($"2024-01-0{day + 1} 08:05", v)).ToArray();

        var slots = AgpProfile.Compute(GlucoseSeries.From(readings).Readings);

        Assert.Equal(96, slots.Length);
        var slot = slots[8 * 4];
        Assert.Equal(new TimeOnly(8, 0), slot.Start);
        Assert.Equal(5, slot.Count);
        // h = (n − 1) × p = 4p.  p5: h = 0.2 → 100 + 0.2 × 10 = 102;  p25: h = 1 → 110;  p50: h = 2 → 120
        // p75: h = 3 → 130;  p95: h = 3.8 → 130 + 0.8 × 10 = 138
        Assert.Equal(102, slot.P5!.Value, Precision);
        Assert.Equal(110, slot.P25!.Value, Precision);
        Assert.Equal(120, slot.P50!.Value, Precision);
        Assert.Equal(130, slot.P75!.Value, Precision);
        Assert.Equal(138, slot.P95!.Value, Precision);
        Assert.Equal(0, slots[8 * 4 + 1].Count);
        Assert.Null(slots[8 * 4 + 1].P50);
    }

    [Fact]
    public void Agp_mixes_units_through_mg_per_dL_and_answers_in_the_unit_asked()
    {
        // 5.5 mmol/L = 99.1001 mg/dL and 110 mg/dL at 23:50 (slot 95): median = (99.1001 + 110) / 2 = 104.55005 mg/dL
        var readings = new[] { Mmol("2024-01-01 23:50", 5.5), Mg("2024-01-02 23:55", 110) };

        var mgdl = AgpProfile.Compute(readings)[95];
        var mmol = AgpProfile.Compute(readings, GlucoseUnit.MmolPerL)[95];

        Assert.Equal((5.5 * 18.0182 + 110) / 2, mgdl.P50!.Value, Precision);
        Assert.Equal((5.5 * 18.0182 + 110) / 2 / 18.0182, mmol.P50!.Value, Precision);
    }

    [Fact]
    public void Downsampling_keeps_at_most_the_asked_points_the_ends_and_the_extremes()
    {
        var readings = GlucoseBenchmark.FiveMinuteSeries(days: 14);
        readings[1234] = readings[1234] with { Value = 39 }; // a lone hypo that an average would hide
        readings[2345] = readings[2345] with { Value = 401 };
        var points = ChartPoint.From(readings, GlucoseUnit.MgPerDl);

        var reduced = LargestTriangleThreeBuckets.Downsample(points, 500);

        Assert.True(reduced.Length <= 500);
        Assert.True(reduced.Length >= 490);
        Assert.Equal(points[0], reduced[0]);
        Assert.Equal(points[^1], reduced[^1]);
        Assert.Contains(points[1234], reduced);
        Assert.Contains(points[2345], reduced);
        Assert.Equal(reduced.OrderBy(p => p.Time), reduced);
    }

    [Fact]
    public void Downsampling_keeps_both_extremes_when_they_share_a_bucket()
    {
        var points = Enumerable.Range(0, 100).Select(i => new ChartPoint(T("2024-01-01 00:00").AddMinutes(5 * i), 100)).ToArray();
        points[50] = points[50] with { Value = 40 };
        points[51] = points[51] with { Value = 400 };

        var reduced = LargestTriangleThreeBuckets.Downsample(points, 10);

        Assert.True(reduced.Length <= 10);
        Assert.Contains(points[50], reduced);
        Assert.Contains(points[51], reduced);
    }

    [Fact]
    public void A_short_series_is_returned_whole()
    {
        var points = ChartPoint.From(Every(5, "2024-01-01 00:00", 100, 110, 120), GlucoseUnit.MmolPerL);

        Assert.Equal(points, LargestTriangleThreeBuckets.Downsample(points, 2000));
        Assert.Equal(100 / 18.0182, points[0].Value, Precision);
    }
}
