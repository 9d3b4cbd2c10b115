using Dashboard.Core.Glucose;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Tests.Glucose;

/// <summary>The consensus event rules of <see cref="GlucoseEvents"/> on hand-built series; the reasoning is in the comments.</summary>
public class GlucoseEventsTests
{
    private static GlucoseEventReport Whole(params GlucoseReading[] readings) =>
        GlucoseEvents.Find(GlucoseSeries.From(readings), MetricsWindow.WholeSeries);

    private static List<GlucoseEvent> Of(GlucoseEventReport report, GlucoseEventKind kind) => [.. report.Events.Where(e => e.Kind == kind)];

    [Fact]
    public void One_fifteen_minute_reading_in_the_band_is_an_event_of_fifteen_minutes()
    {
        // 15-minute sensor: the 65 stands for [08:00, 08:15); the 100 at 08:15 starts a run out of the band that lasts ≥ 15 min.
        var report = Whole(Every(15, "2024-03-01 07:30", 100, 100, 65, 100, 100));

        var hypo = Assert.Single(Of(report, GlucoseEventKind.HypoLevel1));
        Assert.Equal(T("2024-03-01 08:00"), hypo.Start);
        Assert.Equal(T("2024-03-01 08:15"), hypo.End);
        Assert.Equal(15, hypo.DurationMinutes);
        Assert.Equal(65, hypo.ExtremeMgdl);
        Assert.False(hypo.AtWindowStart);
        Assert.False(hypo.AtWindowEnd);
        Assert.Empty(Of(report, GlucoseEventKind.HypoLevel2));
    }

    [Fact]
    public void Five_minute_readings_need_fifteen_minutes_in_the_band_before_an_event_starts()
    {
        // Two lows at 5-minute spacing stand for 10 minutes: no event. Three stand for 15: an event.
        var tooShort = Whole(Every(5, "2024-03-01 08:00", 100, 100, 65, 65, 100, 100, 100, 100));
        var longEnough = Whole(Every(5, "2024-03-01 08:00", 100, 100, 65, 65, 65, 100, 100, 100, 100));

        Assert.Empty(tooShort.Events);
        var hypo = Assert.Single(longEnough.Events);
        Assert.Equal(T("2024-03-01 08:10"), hypo.Start);
        Assert.Equal(T("2024-03-01 08:25"), hypo.End);
    }

    [Fact]
    public void A_short_excursion_out_of_the_band_does_not_end_the_event()
    {
        // 5-minute readings: lows 08:00–08:10, 10 minutes at 80 (08:15, 08:20), lows 08:25–08:35, then 80s from 08:40.
        // The 10-minute excursion is under 15 minutes, so one event runs 08:00 until the run out of the band at 08:40.
        var report = Whole(Every(5, "2024-03-01 08:00", 60, 58, 60, 80, 80, 62, 61, 63, 80, 80, 80, 80));

        var hypo = Assert.Single(report.Events);
        Assert.Equal(T("2024-03-01 08:00"), hypo.Start);
        Assert.Equal(T("2024-03-01 08:40"), hypo.End);
        Assert.Equal(58, hypo.ExtremeMgdl);
    }

    [Fact]
    public void Level_two_events_are_counted_inside_their_level_one_event()
    {
        // 15-minute readings: 65 (L1), 50, 52 (L2), 65 (L1), then in range.
        var report = Whole(Every(15, "2024-03-01 02:00", 100, 65, 50, 52, 65, 100, 100));

        var level1 = Assert.Single(Of(report, GlucoseEventKind.HypoLevel1));
        Assert.Equal(T("2024-03-01 02:15"), level1.Start);
        Assert.Equal(T("2024-03-01 03:15"), level1.End);
        Assert.Equal(50, level1.ExtremeMgdl);
        var level2 = Assert.Single(Of(report, GlucoseEventKind.HypoLevel2));
        Assert.Equal(T("2024-03-01 02:30"), level2.Start);
        Assert.Equal(T("2024-03-01 03:00"), level2.End);
    }

    [Fact]
    public void A_hyperglycaemia_across_midnight_is_one_event()
    {
        // 15-minute readings 23:00–01:00: above 180 from 23:30 to 00:30 (five readings), 260 at midnight is level 2.
        var report = Whole(Every(15, "2024-03-01 23:00", 150, 170, 190, 220, 260, 230, 200, 160, 150));

        var hyper = Assert.Single(Of(report, GlucoseEventKind.HyperLevel1));
        Assert.Equal(T("2024-03-01 23:30"), hyper.Start);
        Assert.Equal(T("2024-03-02 00:45"), hyper.End);
        Assert.Equal(75, hyper.DurationMinutes);
        Assert.Equal(260, hyper.ExtremeMgdl);
        var level2 = Assert.Single(Of(report, GlucoseEventKind.HyperLevel2));
        Assert.Equal(T("2024-03-02 00:00"), level2.Start);
        Assert.Equal(T("2024-03-02 00:15"), level2.End);
    }

    [Fact]
    public void A_gap_over_45_minutes_ends_the_event_and_a_short_run_before_it_is_no_event()
    {
        // Lows at 10:00 and 10:15, then the sensor is changed: nothing until 12:15 (a 2-hour gap). The 10:15 reading weighs
        // dt0 = 15, so the first event is [10:00, 10:30). After the gap lows at 12:15 and 12:30 on a 15-minute sensor:
        // a second event, ended by the run out of the band from 12:45.
        var report = Whole(
            Mg("2024-03-01 09:45", 100), Mg("2024-03-01 10:00", 60), Mg("2024-03-01 10:15", 61),
            Mg("2024-03-01 12:15", 62), Mg("2024-03-01 12:30", 63), Mg("2024-03-01 12:45", 100), Mg("2024-03-01 13:00", 100));

        var hypos = Of(report, GlucoseEventKind.HypoLevel1);
        Assert.Equal(2, hypos.Count);
        Assert.Equal((T("2024-03-01 10:00"), T("2024-03-01 10:30")), (hypos[0].Start, hypos[0].End));
        Assert.Equal((T("2024-03-01 12:15"), T("2024-03-01 12:45")), (hypos[1].Start, hypos[1].End));
    }

    [Fact]
    public void A_run_cut_short_by_a_gap_on_a_five_minute_sensor_is_no_event()
    {
        // A 5-minute sensor (dt0 = 5): two lows, then a 60-minute gap. They stand for 5 + 5 = 10 minutes: no event; and
        // the run does not continue across the gap with the lows after it (two again: 10 minutes).
        var readings = Every(5, "2024-03-01 08:00", 100, 100, 100, 100, 65, 65)
            .Concat(Every(5, "2024-03-01 09:25", 65, 65, 100, 100, 100, 100)).ToArray();

        Assert.Empty(Whole(readings).Events);
    }

    [Fact]
    public void A_sensor_change_from_fifteen_to_five_minute_readings_measures_each_run_by_its_own_spacing()
    {
        // Libre 2 (15 min) until 08:00, a 60-minute warm-up, Libre 3 (5 min) from 09:00. The 15-minute low at 07:45 is an
        // event [07:45, 08:00) — the next reading (08:00, 100) is 15 minutes away. After the change three 5-minute lows
        // (09:10–09:20) are an event [09:10, 09:25).
        var readings = Every(15, "2024-03-01 07:00", 100, 100, 100, 65, 100)
            .Concat(Every(5, "2024-03-01 09:00", 100, 100, 64, 63, 62, 100, 100, 100, 100, 100, 100, 100, 100, 100)).ToArray();

        var hypos = Of(Whole(readings), GlucoseEventKind.HypoLevel1);
        Assert.Equal(2, hypos.Count);
        Assert.Equal((T("2024-03-01 07:45"), T("2024-03-01 08:00")), (hypos[0].Start, hypos[0].End));
        Assert.Equal((T("2024-03-01 09:10"), T("2024-03-01 09:25")), (hypos[1].Start, hypos[1].End));
    }

    [Fact]
    public void Events_at_the_edges_of_a_chosen_period_are_cut_to_it_and_flagged()
    {
        // A low runs across midnight into 1 March and a high across midnight out of 2 March; the period is 1–2 March.
        var readings = Every(15, "2024-02-29 23:30", 60, 60, 60, 60, 100, 100)
            .Concat(Every(15, "2024-03-02 23:15", 150, 200, 210, 220, 230, 150)).ToArray();
        var period = MetricsWindow.Period(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2));

        var report = GlucoseEvents.Find(GlucoseSeries.From(readings), period);

        var hypo = Assert.Single(Of(report, GlucoseEventKind.HypoLevel1));
        Assert.Equal((T("2024-03-01 00:00"), T("2024-03-01 00:30")), (hypo.Start, hypo.End));
        Assert.True(hypo.AtWindowStart);
        Assert.False(hypo.AtWindowEnd);
        // The high starts at 23:30; the window's last reading is 23:45 (220 at 00:00 is outside): it weighs dt0 = 15.
        var hyper = Assert.Single(Of(report, GlucoseEventKind.HyperLevel1));
        Assert.Equal((T("2024-03-02 23:30"), T("2024-03-03 00:00")), (hyper.Start, hyper.End));
        Assert.False(hyper.AtWindowStart);
        Assert.True(hyper.AtWindowEnd);
    }

    [Fact]
    public void Count_per_week_and_mean_duration_use_the_length_of_the_period()
    {
        // Two level 1 hypos in a 14-day period: 15 minutes and 45 minutes → 1 a week, mean 30 minutes.
        var readings = Every(15, "2024-03-01 08:00", 100, 65, 100, 100)
            .Concat(Every(15, "2024-03-10 08:00", 100, 65, 66, 67, 100, 100)).ToArray();
        var period = MetricsWindow.Period(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 14));

        var summary = GlucoseEvents.Find(GlucoseSeries.From(readings), period).SummaryOf(GlucoseEventKind.HypoLevel1);

        Assert.Equal(2, summary.Count);
        Assert.Equal(1, summary.PerWeek!.Value, Precision);
        Assert.Equal(30, summary.MeanDurationMinutes!.Value, Precision);
        var none = GlucoseEvents.Find(GlucoseSeries.From(readings), period).SummaryOf(GlucoseEventKind.HyperLevel2);
        Assert.Equal(0, none.Count);
        Assert.Equal(0, none.PerWeek!.Value, Precision);
        Assert.Null(none.MeanDurationMinutes);
    }

    [Fact]
    public void Bands_are_judged_in_the_measured_unit()
    {
        // 3.9 mmol/L is in range (not low) and 10.0 mmol/L is in range (not high), as LibreView reports them.
        var boundary = Whole(Mmol("2024-03-01 08:00", 3.9), Mmol("2024-03-01 08:15", 10.0), Mmol("2024-03-01 08:30", 3.9));
        var beyond = Whole(Mmol("2024-03-01 08:00", 3.8), Mmol("2024-03-01 08:15", 10.1), Mmol("2024-03-01 08:30", 5.0));

        Assert.Empty(boundary.Events);
        Assert.Equal([GlucoseEventKind.HypoLevel1, GlucoseEventKind.HyperLevel1], beyond.Events.Select(e => e.Kind));
    }

    [Fact]
    public void No_readings_give_no_events_and_empty_summaries()
    {
        var report = GlucoseEvents.Find(GlucoseSeries.Empty, MetricsWindow.LastDays(14));

        Assert.Empty(report.Events);
        Assert.All(report.Summaries, s => Assert.Equal(0, s.Count));
        Assert.Equal(GlucoseEvents.Kinds, report.Summaries.Select(s => s.Kind));
    }
}
