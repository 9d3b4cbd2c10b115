using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Tests.Glucose.Review;
using Dashboard.Core.Triage;
using static Dashboard.Core.Tests.Glucose.Readings;

namespace Dashboard.Core.Tests.Triage;

public sealed class TriageQueryTests
{
    /// <summary>
    /// A generated patient: a random walk of glucose, a 15-minute sensor that may change to a 5-minute one on a random day
    /// (with a warm-up gap), and random signal losses of 1–8 hours.
    /// </summary>
    private static List<GlucoseReading> GeneratedPatient(Random random, DateTime start)
    {
        var days = random.Next(3, 45);
        var changeDay = random.Next(0, days + 5);
        var readings = new List<GlucoseReading>();
        var t = start;
        var end = start.AddDays(days);
        var value = 80 + random.NextDouble() * 120;
        while (t < end)
        {
            var fiveMinute = (t - start).TotalDays >= changeDay;
            if (random.NextDouble() < 0.004) t = t.AddHours(1 + random.NextDouble() * 7); // signal loss
            if (fiveMinute && (t - start).TotalDays < changeDay + 0.01) t = t.AddMinutes(60); // the new sensor's warm-up
            value = Math.Clamp(value + (random.NextDouble() - 0.5) * 18, 40, 400);
            readings.Add(random.NextDouble() < 0.3
                ? new GlucoseReading(t, Math.Round(value / GlucoseUnits.MgPerDlPerMmolPerL, 1), GlucoseUnit.MmolPerL)
                : new GlucoseReading(t, Math.Round(value), GlucoseUnit.MgPerDl));
            t = t.AddMinutes(fiveMinute ? 5 : 15).AddSeconds(random.Next(-20, 20));
        }

        return readings;
    }

    [Fact]
    public async Task Triage_figures_equal_the_review_figures_for_every_generated_patient_and_period()
    {
        await using var store = await ReviewStore.CreateAsync();
        var random = new Random(17);
        var patients = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var patient = await store.AddPatientAsync(clientUserId: $"gen-{i:00}");
            await store.WriteAsync(patient, GeneratedPatient(random, T("2025-01-01 00:00").AddDays(random.Next(0, 20))));
            patients.Add(patient);
        }

        patients.Add(await store.AddPatientAsync(clientUserId: "gen-empty"));

        foreach (var days in TriageFilter.PeriodDays)
        {
            var triage = await store.Triage.ExportAsync(store.Scope, TriageFilter.Default with { Days = days });
            Assert.Equal(patients.Count, triage.Count);
            foreach (var row in triage)
            {
                var review = await store.Query.GetAsync(row.UserId, store.Scope, ReviewPeriod.LastDays(days), GlucoseUnit.MgPerDl);
                Assert.NotNull(review);
                Assert.Equal(review.Metrics, row.Metrics);
                var ranges = review.Ranges.ToDictionary(r => r.Band, r => r.PercentText);
                if (review.HasReadings)
                {
                    Assert.Equal(ranges[GlucoseBand.VeryLow], row.VeryLow);
                    Assert.Equal(ranges[GlucoseBand.Low], row.Low);
                    Assert.Equal(ranges[GlucoseBand.InRange], row.InRange);
                    Assert.Equal(ranges[GlucoseBand.High], row.High);
                    Assert.Equal(ranges[GlucoseBand.VeryHigh], row.VeryHigh);
                }

                Assert.Equal(review.Statistics.Gmi, row.Gmi);
                Assert.Equal(review.Statistics.Cv, row.Cv);
                Assert.Equal(review.Statistics.ActivePercent, row.Active);
            }
        }
    }

    [Fact]
    public async Task Flags_filter_the_list_and_the_default_order_is_most_urgent_first()
    {
        await using var store = await ReviewStore.CreateAsync();
        var start = T("2025-03-01 00:00");
        // steady: always 120 → meets targets. lows: 10 % at 60. danger: 5 % at 45 (very low). silent: no data at all.
        var steady = await store.AddPatientAsync(clientUserId: "steady");
        await store.WriteAsync(steady, ReviewStore.Every(15, start, 14, _ => 120));
        var lows = await store.AddPatientAsync(clientUserId: "lows");
        await store.WriteAsync(lows, ReviewStore.Every(15, start, 14, i => i % 10 == 0 ? 60 : 120));
        var danger = await store.AddPatientAsync(clientUserId: "danger");
        await store.WriteAsync(danger, ReviewStore.Every(15, start, 14, i => i % 20 == 0 ? 45 : 120));
        await store.AddPatientAsync(clientUserId: "silent");

        var all = await store.Triage.PageAsync(store.Scope, TriageFilter.Default);
        var low = await store.Triage.PageAsync(store.Scope, TriageFilter.Parse(null, "low", null));
        var onTarget = await store.Triage.PageAsync(store.Scope, TriageFilter.Parse(null, "on-target", null));

        // danger (very low 5 % > 1 %) first; then by GRI: lows (2.4 × 10 = 24) before steady and silent (0), which are both
        // without data for ≥ 3 days (the clock is long past March 2025) and so fall back to client_user_id.
        Assert.Equal(["danger", "lows", "silent", "steady"], all.Rows.Select(r => r.ClientUserId));
        Assert.Equal(["lows"], low.Rows.Select(r => r.ClientUserId));
        Assert.Equal(["steady"], onTarget.Rows.Select(r => r.ClientUserId));
        Assert.Equal(1, all.FlagCounts[TriageFlag.LowOver4]);
        Assert.Contains(TriageFlag.NoData3Days, all.Rows.Single(r => r.ClientUserId == "silent").Flags);
        Assert.Contains(TriageFlag.VeryLowOver1, all.Rows.Single(r => r.ClientUserId == "danger").Flags);
        Assert.Equal("?days=30&flags=low,gri&sort=gri", (TriageFilter.Parse("30", "gri,low,bogus", "gri")).ToQuery());
    }
}
