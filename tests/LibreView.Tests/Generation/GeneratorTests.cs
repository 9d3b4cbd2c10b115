using LibreView.Simulator.Generation;

namespace LibreView.Tests.Generation;

/// <summary>Properties of the deterministic data generator.</summary>
public class GeneratorTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = End.AddDays(-60);

    private static PatientDataSource Source(int seed = 7, string email = "gen@example.org", string profile = "well_controlled",
        string sensor = "libre3", string zone = "Europe/Berlin") =>
        new(seed, email, PatientProfile.Get(profile), SensorKind.Get(sensor), TimeZoneInfo.FindSystemTimeZoneById(zone), Start.AddDays(-30));

    [Fact]
    public void Same_seed_and_account_give_the_same_data()
    {
        var a = Source();
        var b = Source();
        Assert.Equal(a.Historic(Start, End), b.Historic(Start, End));
        Assert.Equal(a.Notes(Start, End), b.Notes(Start, End));
        Assert.Equal(Source(sensor: "libre2").Scans(Start, End), Source(sensor: "libre2").Scans(Start, End));
    }

    [Fact]
    public void A_day_generated_alone_equals_the_same_day_inside_a_long_range()
    {
        var day = new DateTimeOffset(2026, 10, 3, 0, 0, 0, TimeSpan.Zero);
        var alone = Source().Historic(day, day.AddDays(1)).ToList();
        var inRange = Source().Historic(Start, End).Where(r => r.Utc >= day && r.Utc < day.AddDays(1)).ToList();
        Assert.Equal(inRange, alone);
    }

    [Fact]
    public void Another_seed_or_account_gives_other_data()
    {
        var values = Source().Historic(Start, Start.AddDays(1)).Select(r => r.MgPerDl).ToList();
        Assert.NotEqual(values, Source(seed: 8).Historic(Start, Start.AddDays(1)).Select(r => r.MgPerDl).ToList());
        Assert.NotEqual(values, Source(email: "other@example.org").Historic(Start, Start.AddDays(1)).Select(r => r.MgPerDl).ToList());
    }

    [Theory]
    [InlineData("libre3", 5)]
    [InlineData("libre2", 15)]
    public void Historic_readings_are_evenly_spaced_except_in_designed_gaps(string sensor, int minutes)
    {
        var source = Source(sensor: sensor);
        var readings = source.Historic(Start, End).ToList();
        var gaps = source.DesignedGaps(Start, End);
        var interval = TimeSpan.FromMinutes(minutes);

        Assert.Contains(gaps, g => g.Reason == "sensor warm-up");
        Assert.Contains(gaps, g => g.Reason == "signal loss");
        var irregular = 0;
        for (var i = 1; i < readings.Count; i++)
        {
            var step = readings[i].Utc - readings[i - 1].Utc;
            if (step == interval) continue;
            irregular++;
            Assert.True(step > interval, $"readings {step} apart at {readings[i].Utc}");
            Assert.Contains(gaps, g => g.Start < readings[i].Utc && g.End > readings[i - 1].Utc);
        }
        Assert.InRange(irregular, 4, 30); // four sensor changes in 60 days plus a few signal losses
        Assert.All(readings, r => Assert.DoesNotContain(gaps, g => g.Contains(r.Utc)));
        Assert.InRange(readings.Count, 60 * 1440 / minutes * 9 / 10, 60 * 1440 / minutes);
    }

    [Fact]
    public void Sensor_sessions_last_fourteen_days_and_start_with_a_one_hour_warm_up()
    {
        var source = Source();
        var session = source.SessionAt(End);
        var next = source.SessionAt(session.End);
        Assert.Equal(TimeSpan.FromDays(14), session.End - session.Start);
        Assert.Equal(session.Number + 1, next.Number);
        Assert.NotEqual(session.SerialNumber, next.SerialNumber);
        var first = source.Historic(next.Start, next.Start.AddHours(2)).First();
        Assert.True(first.Utc >= next.Start.AddHours(1) && first.Utc < next.Start.AddHours(1).AddMinutes(5));
    }

    [Theory]
    [InlineData("well_controlled")]
    [InlineData("hyperglycaemic")]
    [InlineData("frequent_hypos")]
    public void Values_stay_within_the_lo_hi_limits(string profile)
    {
        var readings = Source(profile: profile).Historic(Start, End).ToList();
        Assert.All(readings, r => Assert.InRange(r.MgPerDl, 40, 500));
    }

    [Fact]
    public void Profiles_differ_the_way_their_names_say()
    {
        static (double Mean, double Low, double VeryHigh) Stats(PatientDataSource s)
        {
            var v = s.Historic(Start, End).Select(r => r.MgPerDl).ToList();
            return (v.Average(), v.Count(x => x < 70) * 100.0 / v.Count, v.Count(x => x > 250) * 100.0 / v.Count);
        }
        var well = Stats(Source(profile: "well_controlled"));
        var hyper = Stats(Source(profile: "hyperglycaemic"));
        var hypos = Stats(Source(profile: "frequent_hypos"));

        Assert.InRange(well.Mean, 110, 170);
        Assert.True(well.Low < 4, $"well_controlled has {well.Low:F1} % low");
        Assert.True(hyper.Mean > 200 && hyper.VeryHigh > 15, $"hyperglycaemic mean {hyper.Mean:F0}, very high {hyper.VeryHigh:F1} %");
        Assert.True(hypos.Low > 8, $"frequent_hypos has {hypos.Low:F1} % low");
    }

    [Fact]
    public void Hyperglycaemic_patients_sometimes_read_hi_and_hypo_patients_lo_clamps_hold()
    {
        var hyper = Source(profile: "hyperglycaemic").Historic(Start, End).Max(r => r.MgPerDl);
        var hypos = Source(profile: "frequent_hypos").Historic(Start, End).Min(r => r.MgPerDl);
        Assert.True(hyper > 350, $"max {hyper}");
        Assert.True(hypos < 60, $"min {hypos}");
    }

    [Fact]
    public void Local_time_follows_the_patients_zone_across_a_dst_change()
    {
        // Europe/Berlin leaves summer time on 2026-10-25 at 01:00 UTC (03:00 local → 02:00).
        var change = new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero);
        var source = Source(zone: "Europe/Berlin");
        var readings = source.Historic(change.AddHours(-2), change.AddHours(2)).ToList();

        Assert.All(readings, r => Assert.Equal(DateTimeKind.Unspecified, r.Local.Kind));
        Assert.All(readings.Where(r => r.Utc < change), r => Assert.Equal(r.Utc.UtcDateTime.AddHours(2), r.Local));
        Assert.All(readings.Where(r => r.Utc >= change), r => Assert.Equal(r.Utc.UtcDateTime.AddHours(1), r.Local));
        var steps = readings.Zip(readings.Skip(1), (a, b) => (Utc: b.Utc - a.Utc, Local: b.Local - a.Local)).ToList();
        Assert.Contains(steps, s => s.Utc == TimeSpan.FromMinutes(5) && s.Local == TimeSpan.FromMinutes(-55));
    }

    [Fact]
    public void Patients_in_other_zones_get_their_own_wall_clock()
    {
        var t = new DateTimeOffset(2026, 10, 10, 12, 0, 0, TimeSpan.Zero);
        var tokyo = Source(zone: "Asia/Tokyo").Historic(t, t.AddHours(1)).First();
        var newYork = Source(zone: "America/New_York").Historic(t, t.AddHours(1)).First();
        Assert.Equal(tokyo.Utc.UtcDateTime.AddHours(9), tokyo.Local);
        Assert.Equal(newYork.Utc.UtcDateTime.AddHours(-4), newYork.Local);
    }

    [Fact]
    public void Each_day_has_meals_with_carbs_and_boluses_and_a_long_acting_dose()
    {
        var notes = Source().Notes(Start, End).ToList();
        var perDay = notes.GroupBy(n => DateOnly.FromDateTime(n.Local)).ToList();
        Assert.All(perDay.Skip(1).SkipLast(1), day =>
        {
            var food = day.Where(n => n.Kind == GeneratedNoteKind.Food).ToList();
            Assert.InRange(food.Count, 3, 4);
            Assert.All(food, f => Assert.InRange(f.Carbs!.Value, 30, 70));
            Assert.Equal(food.Count, day.Count(n => n.Kind == GeneratedNoteKind.RapidInsulin));
            Assert.Single(day, n => n.Kind == GeneratedNoteKind.LongInsulin);
        });
        Assert.Contains(notes, n => n.Kind == GeneratedNoteKind.Note && n.Text == "Exercise: 45 min walk");
    }

    [Fact]
    public void Meals_raise_glucose()
    {
        var source = Source();
        var meals = source.Notes(Start, End).Where(n => n.Kind == GeneratedNoteKind.Food).ToList();
        double Around(DateTimeOffset t) => source.Historic(t.AddMinutes(-10), t.AddMinutes(10)).Select(r => r.MgPerDl).DefaultIfEmpty().Average();
        var rises = meals.Select(m => Around(m.Utc.AddMinutes(55)) - Around(m.Utc)).Where(d => d != 0).ToList();
        Assert.True(rises.Average() > 25, $"average rise {rises.Average():F0} mg/dL");
    }

    [Fact]
    public void Libre2_scans_fall_between_historic_readings_during_waking_data()
    {
        var source = Source(sensor: "libre2");
        var scans = source.Scans(Start, End).ToList();
        Assert.InRange(scans.Count / 60.0, 4, 10);
        Assert.All(scans, s => Assert.True(s.IsScan));
        Assert.Empty(Source(sensor: "libre3").Scans(Start, End));
    }
}
