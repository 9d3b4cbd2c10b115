using Dashboard.Core.Glucose;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Tests.Glucose;

/// <summary>DESIGN §8 on small series computed by hand; the arithmetic is in the comments.</summary>
public class GlucoseMetricsTests
{
    [Fact]
    public void Four_in_range_readings_give_mean_sd_cv_gmi_active_and_tight_time()
    {
        var m = Whole(Every(15, "2024-01-01 08:00", 100, 120, 140, 160));

        Assert.Equal(4, m.Readings);
        Assert.Equal(T("2024-01-01 08:00"), m.First);
        Assert.Equal(T("2024-01-01 08:45"), m.Last);
        // mean = (100 + 120 + 140 + 160) / 4 = 130
        Assert.Equal(130, m.MeanMgdl!.Value, Precision);
        // sample SD: deviations −30, −10, 10, 30 → squares 900 + 100 + 100 + 900 = 2000; √(2000 / 3) = 25.819888974716
        Assert.Equal(Math.Sqrt(2000.0 / 3), m.SdMgdl!.Value, Precision);
        // CV = 100 × 25.819888974716 / 130 = 19.861453057474
        Assert.Equal(100 * Math.Sqrt(2000.0 / 3) / 130, m.CvPercent!.Value, Precision);
        // GMI = 3.31 + 0.02392 × 130 = 6.4196
        Assert.Equal(6.4196, m.GmiPercent!.Value, Precision);
        // gaps 15, 15, 15 → dt0 15; span 45 → expected round(45 / 15) + 1 = 4; no gap above dt0 → missing 0 → 100 %
        Assert.Equal(15, m.Dt0Minutes);
        Assert.Equal(100, m.ActivePercent!.Value, Precision);
        // weights 15, 15, 15 and the last dt0 = 15; tight 70–140: 100, 120, 140 → 45 of 60 min = 75 %
        Assert.Equal(100, m.TimeInRangePercent!.Value, Precision);
        Assert.Equal(75, m.TimeTightRangePercent!.Value, Precision);
        Assert.Equal(0, m.Gri!.Value, Precision);
        Assert.Equal(GriZone.A, m.GriZone);
        Assert.True(m.HasSufficientData);
    }

    [Fact]
    public void A_gap_over_45_minutes_weighs_dt0_and_counts_as_missing_time()
    {
        var m = Whole(Mg("2024-01-01 00:00", 50), Mg("2024-01-01 00:15", 60), Mg("2024-01-01 01:15", 200), Mg("2024-01-01 01:30", 300));

        // gaps 15, 60, 15 → median 15 = dt0
        Assert.Equal(15, m.Dt0Minutes);
        // weights: 50 → 15 (gap 15); 60 → dt0 15 (gap 60 > 45); 200 → 15; 300 → dt0 15 (last); total 60
        // very low (50 < 54) 15/60, low (60) 15/60, high (200) 15/60, very high (300) 15/60 = 25 % each
        Assert.Equal(25, m.TimeVeryLowPercent!.Value, Precision);
        Assert.Equal(25, m.TimeLowPercent!.Value, Precision);
        Assert.Equal(0, m.TimeInRangePercent!.Value, Precision);
        Assert.Equal(25, m.TimeHighPercent!.Value, Precision);
        Assert.Equal(25, m.TimeVeryHighPercent!.Value, Precision);
        // GRI = min(100, 3.0 × 25 + 2.4 × 25 + 1.6 × 25 + 0.8 × 25) = min(100, 195) = 100 → zone E
        Assert.Equal(100, m.Gri!.Value, Precision);
        Assert.Equal(GriZone.E, m.GriZone);
        // active: span 90 min → expected round(90 / 15) + 1 = 7; gaps with round(gap) > 15: the 60 alone
        // missing = round((60 − 1 × 15) / 15) = 3 → 100 × (7 − 3) / 7 = 57.142857142857
        Assert.Equal(100.0 * 4 / 7, m.ActivePercent!.Value, Precision);
        Assert.False(m.HasSufficientData);
    }

    [Fact]
    public void A_gap_of_exactly_45_minutes_still_weighs_the_gap()
    {
        var m = Whole(Mg("2024-01-01 00:00", 60), Mg("2024-01-01 00:45", 100), Mg("2024-01-01 01:00", 100));

        // gaps 45, 15 → median 30 = dt0; weights: 60 → 45 (gap ≤ 45), 100 → 15, 100 → dt0 30; total 90
        // low = 45 / 90 = 50 %, in range = 45 / 90 = 50 %
        Assert.Equal(30, m.Dt0Minutes);
        Assert.Equal(50, m.TimeLowPercent!.Value, Precision);
        Assert.Equal(50, m.TimeInRangePercent!.Value, Precision);
    }

    [Fact]
    public void Duplicate_timestamps_keep_the_first_reading_given_and_the_series_is_sorted()
    {
        var m = Whole(Mg("2024-01-01 08:15", 120), Mg("2024-01-01 08:00", 100), Mg("2024-01-01 08:15", 999));

        // kept: 08:00 → 100, 08:15 → 120 (the 999 at 08:15 came later); mean (100 + 120) / 2 = 110
        Assert.Equal(2, m.Readings);
        Assert.Equal(110, m.MeanMgdl!.Value, Precision);
        Assert.Equal(T("2024-01-01 08:00"), m.First);
        Assert.Equal(0, m.TimeVeryHighPercent!.Value, Precision);
    }

    [Fact]
    public void A_switch_from_15_to_5_minute_data_weighs_time_not_readings()
    {
        // 00:00–00:45 every 15 min at 60 (low), then 01:00–01:55 every 5 min at 100 (in range)
        var readings = Every(15, "2024-03-10 00:00", 60, 60, 60, 60).Concat(Every(5, "2024-03-10 01:00", Enumerable.Repeat(100.0, 12).ToArray())).ToArray();

        var m = Whole(readings);

        // gaps: 15, 15, 15, 15 (00:45 → 01:00) and eleven of 5 → 15 gaps sorted, 8th = 5 → dt0 5
        Assert.Equal(5, m.Dt0Minutes);
        // low: 4 × 15 = 60 min; in range: 11 × 5 + dt0 5 = 60 min → 50 % each (counting readings would say 4 / 16 = 25 % low)
        Assert.Equal(50, m.TimeLowPercent!.Value, Precision);
        Assert.Equal(50, m.TimeInRangePercent!.Value, Precision);
        // active: span 115 min → expected round(115 / 5) + 1 = 24; gaps with round(gap) > 5: four of 15 → Σ 60
        // missing = round((60 − 4 × 5) / 5) = 8 → 100 × (24 − 8) / 24 = 66.666666666667
        Assert.Equal(100.0 * 16 / 24, m.ActivePercent!.Value, Precision);
    }

    [Fact]
    public void LO_and_HI_values_count_at_the_sensor_limits()
    {
        // LibreView writes LO as 40 mg/dL (2.2 mmol/L) and HI as 500 mg/dL (27.8 mmol/L); the parser keeps those numbers.
        var m = Whole(Every(15, "2024-01-01 00:00", 40, 500, 100, 100));

        // mean (40 + 500 + 100 + 100) / 4 = 185; each reading weighs 15 of 60 min
        Assert.Equal(185, m.MeanMgdl!.Value, Precision);
        Assert.Equal(25, m.TimeVeryLowPercent!.Value, Precision);
        Assert.Equal(25, m.TimeVeryHighPercent!.Value, Precision);
        Assert.Equal(50, m.TimeInRangePercent!.Value, Precision);
        // GRI = 3.0 × 25 + 1.6 × 25 = 75 + 40 = 115 → capped at 100
        Assert.Equal(100, m.Gri!.Value, Precision);
    }

    [Fact]
    public void Mmol_readings_are_judged_in_mmol_but_averaged_in_mg_per_dL_with_the_one_factor()
    {
        var m = Whole(Mmol("2024-01-01 00:00", 10.0), Mmol("2024-01-01 00:15", 3.9), Mmol("2024-01-01 00:30", 13.9), Mmol("2024-01-01 00:45", 7.8));

        // 10.0 is in range although 10.0 × 18.0182 = 180.182 > 180; 3.9 in range; 13.9 high; 7.8 in range and tight
        Assert.Equal(75, m.TimeInRangePercent!.Value, Precision);
        Assert.Equal(25, m.TimeHighPercent!.Value, Precision);
        // tight 3.9–7.8: 3.9 and 7.8 → 50 %
        Assert.Equal(50, m.TimeTightRangePercent!.Value, Precision);
        // mean = (10.0 + 3.9 + 13.9 + 7.8) / 4 × 18.0182 = 8.9 × 18.0182 = 160.36198
        Assert.Equal(8.9 * 18.0182, m.MeanMgdl!.Value, Precision);
        // GRI = 0.8 × 25 = 20 → zone A (up to and including 20)
        Assert.Equal(20, m.Gri!.Value, Precision);
        Assert.Equal(GriZone.A, m.GriZone);
    }

    [Fact]
    public void An_empty_period_has_no_values_and_zero_active_time()
    {
        var m = Metrics(MetricsWindow.Period(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 14)), Every(15, "2024-01-01 08:00", 100, 120));

        Assert.Equal(0, m.Readings);
        Assert.Null(m.First);
        Assert.Null(m.MeanMgdl);
        Assert.Null(m.TimeInRangePercent);
        Assert.Null(m.Gri);
        Assert.Equal(0, m.ActivePercent);
        Assert.False(m.HasSufficientData);
    }

    [Fact]
    public void A_period_under_70_percent_active_is_flagged()
    {
        // one day, readings 00:00–11:45 every 15 min: n = 48; active = 100 × min(1, 48 × 15 / 1440) = 50 %
        var m = Metrics(MetricsWindow.Period(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 1)), Every(15, "2024-05-01 00:00", Enumerable.Repeat(110.0, 48).ToArray()));

        Assert.Equal(50, m.ActivePercent!.Value, Precision);
        Assert.False(m.HasSufficientData);
    }

    [Fact]
    public void A_chosen_period_runs_from_the_first_day_at_midnight_to_the_end_of_the_last_day()
    {
        var readings = new[] { Mg("2024-04-30 23:59", 300), Mg("2024-05-01 00:00", 100), Mg("2024-05-02 23:59", 100), Mg("2024-05-03 00:00", 300) };

        var m = Metrics(MetricsWindow.Period(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2)), readings);

        Assert.Equal(2, m.Readings);
        Assert.Equal(T("2024-05-01 00:00"), m.First);
        Assert.Equal(T("2024-05-02 23:59"), m.Last);
        Assert.Equal(100, m.MeanMgdl!.Value, Precision);
    }

    [Fact]
    public void Last_N_days_is_half_open_at_its_start()
    {
        // last = 2024-05-08 12:00; last 7 days = (2024-05-01 12:00, 2024-05-08 12:00]: the 12:00 reading of 1 May is out
        var readings = new[] { Mg("2024-05-01 12:00", 300), Mg("2024-05-01 12:05", 100), Mg("2024-05-08 12:00", 120) };

        var m = Metrics(MetricsWindow.LastDays(7), readings);

        Assert.Equal(2, m.Readings);
        Assert.Equal(T("2024-05-01 12:05"), m.First);
        // mean (100 + 120) / 2 = 110; dt0 = the one gap, 7 days − 5 min = 10075 min;
        // active = 100 × min(1, 2 × 10075 / (7 × 1440)) = 100 × min(1, 1.999) = 100
        Assert.Equal(110, m.MeanMgdl!.Value, Precision);
        Assert.Equal(10075, m.Dt0Minutes);
        Assert.Equal(100, m.ActivePercent!.Value, Precision);
    }

    [Fact]
    public void A_daylight_saving_day_is_24_hours_of_floating_time_with_no_shift()
    {
        // 31 March 2024, Europe's spring-forward day: floating time is the device's wall clock, never converted,
        // so the day has 1440 minutes and 96 readings every 15 min fill it: active = 100 × min(1, 96 × 15 / 1440) = 100 %.
        var day = MetricsWindow.Period(new DateOnly(2024, 3, 31), new DateOnly(2024, 3, 31));
        var full = Metrics(day, Every(15, "2024-03-31 00:00", Enumerable.Repeat(120.0, 96).ToArray()));
        Assert.Equal(100, full.ActivePercent!.Value, Precision);
        Assert.Equal(96, full.Readings);
        Assert.Equal(T("2024-03-31 23:45"), full.Last); // 02:00–02:45 are kept as written: no hour is skipped or shifted

        // A device whose clock jumped from 01:45 to 03:00 shows a 75-minute gap, weighed dt0 like any gap over 45 min.
        // 00:00–01:45 (8 readings at 60) then 03:00–03:45 (4 readings at 100): gaps 15 ×7, 75, 15 ×3 → dt0 15
        // low: 7 × 15 + dt0 15 = 120 min; in range: 3 × 15 + dt0 15 = 60 min → low 66.67 %, in range 33.33 %
        var jumped = Metrics(day, [.. Every(15, "2024-03-31 00:00", 60, 60, 60, 60, 60, 60, 60, 60), .. Every(15, "2024-03-31 03:00", 100, 100, 100, 100)]);
        Assert.Equal(15, jumped.Dt0Minutes);
        Assert.Equal(200.0 / 3, jumped.TimeLowPercent!.Value, Precision);
        Assert.Equal(100.0 / 3, jumped.TimeInRangePercent!.Value, Precision);
        // active = 100 × 12 × 15 / 1440 = 12.5 %
        Assert.Equal(12.5, jumped.ActivePercent!.Value, Precision);
    }

    [Theory]
    [InlineData(5.5, 6)] // gaps 5 and 6 min → median 5.5 → half to even → 6
    [InlineData(4.5, 4)] // gaps 4 and 5 min → median 4.5 → half to even → 4
    public void Dt0_is_the_median_gap_rounded_half_to_even(double median, int dt0)
    {
        var start = T("2024-01-01 00:00");
        var first = Math.Floor(median);
        var readings = new[] { new GlucoseReading(start, 100, GlucoseUnit.MgPerDl), new GlucoseReading(start.AddMinutes(first), 100, GlucoseUnit.MgPerDl),
            new GlucoseReading(start.AddMinutes(2 * median), 100, GlucoseUnit.MgPerDl) };

        Assert.Equal(dt0, SamplingInterval.Dt0Minutes(GlucoseSeries.From(readings).Readings));
    }

    [Fact]
    public void A_single_reading_has_no_sd_nor_dt0_but_holds_all_the_time()
    {
        var m = Whole(Mg("2024-01-01 00:00", 200));

        Assert.Null(m.SdMgdl);
        Assert.Null(m.CvPercent);
        Assert.Null(m.Dt0Minutes);
        Assert.Equal(100, m.TimeHighPercent!.Value, Precision);
        Assert.Equal(100, m.ActivePercent!.Value, Precision);
    }

    [Theory]
    [InlineData(0, GriZone.A)]
    [InlineData(20, GriZone.A)]
    [InlineData(20.1, GriZone.B)]
    [InlineData(40, GriZone.B)]
    [InlineData(60, GriZone.C)]
    [InlineData(80, GriZone.D)]
    [InlineData(80.1, GriZone.E)]
    [InlineData(100, GriZone.E)]
    public void Gri_zones_follow_the_published_bounds(double gri, GriZone zone) => Assert.Equal(zone, GriZones.From(gri));

    [Theory]
    [InlineData(53.9, GlucoseUnit.MgPerDl, GlucoseBand.VeryLow)]
    [InlineData(54, GlucoseUnit.MgPerDl, GlucoseBand.Low)]
    [InlineData(70, GlucoseUnit.MgPerDl, GlucoseBand.InRange)]
    [InlineData(180, GlucoseUnit.MgPerDl, GlucoseBand.InRange)]
    [InlineData(250, GlucoseUnit.MgPerDl, GlucoseBand.High)]
    [InlineData(251, GlucoseUnit.MgPerDl, GlucoseBand.VeryHigh)]
    [InlineData(2.9, GlucoseUnit.MmolPerL, GlucoseBand.VeryLow)]
    [InlineData(3.0, GlucoseUnit.MmolPerL, GlucoseBand.Low)]
    [InlineData(3.9, GlucoseUnit.MmolPerL, GlucoseBand.InRange)]
    [InlineData(10.0, GlucoseUnit.MmolPerL, GlucoseBand.InRange)]
    [InlineData(13.9, GlucoseUnit.MmolPerL, GlucoseBand.High)]
    [InlineData(14.0, GlucoseUnit.MmolPerL, GlucoseBand.VeryHigh)]
    public void Bands_use_the_bounds_of_the_measured_unit(double value, GlucoseUnit unit, GlucoseBand band) =>
        Assert.Equal(band, GlucoseBands.Classify(value, unit));
}
