using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task A_tag_narrows_the_rows_and_the_flag_counts_and_rows_carry_the_display_name()
    {
        await using var store = await ReviewStore.CreateAsync();
        var start = T("2025-03-01 00:00");
        var lowsTagged = await store.AddPatientAsync(clientUserId: "lows-tagged");
        await store.WriteAsync(lowsTagged, ReviewStore.Every(15, start, 14, i => i % 10 == 0 ? 60 : 120));
        var lowsUntagged = await store.AddPatientAsync(clientUserId: "lows-untagged");
        await store.WriteAsync(lowsUntagged, ReviewStore.Every(15, start, 14, i => i % 10 == 0 ? 60 : 120));
        var steadyTagged = await store.AddPatientAsync(clientUserId: "steady-tagged");
        await store.WriteAsync(steadyTagged, ReviewStore.Every(15, start, 14, _ => 120));
        await using (var db = await store.Contexts.CreateDbContextAsync())
        {
            db.PatientTags.AddRange(
                new PatientTag { UserId = lowsTagged, Tag = "pump-start" },
                new PatientTag { UserId = steadyTagged, Tag = "pump-start" },
                new PatientTag { UserId = lowsUntagged, Tag = "pregnancy" });
            db.PatientProfiles.Add(new PatientProfile { UserId = lowsTagged, DisplayName = "Lou Tagged", Source = PatientProfileSources.Staff });
            await db.SaveChangesAsync();
        }

        var tagged = await store.Triage.PageAsync(store.Scope, TriageFilter.Parse(null, null, "patient", " Pump-Start "));
        var taggedLows = await store.Triage.PageAsync(store.Scope, TriageFilter.Parse(null, "low", null, "pump-start"));
        var exported = await store.Triage.ExportAsync(store.Scope, TriageFilter.Parse(null, null, null, "pregnancy"));
        var untagged = await store.Triage.PageAsync(store.Scope, TriageFilter.Default);

        Assert.Equal(["lows-tagged", "steady-tagged"], tagged.Rows.Select(r => r.ClientUserId));
        Assert.Equal((2, 1), (tagged.Total, tagged.FlagCounts[TriageFlag.LowOver4]));
        Assert.Equal(["Lou Tagged", null], tagged.Rows.Select(r => r.DisplayName));
        Assert.Equal(["lows-tagged"], taggedLows.Rows.Select(r => r.ClientUserId));
        Assert.Equal(["lows-untagged"], exported.Select(r => r.ClientUserId));
        Assert.Equal((3, 2), (untagged.Total, untagged.FlagCounts[TriageFlag.LowOver4]));
        Assert.Equal("?flags=low&tag=pump-start", TriageFilter.Parse(null, "low", null, "Pump-Start").ToQuery());
    }

    [Fact]
    public async Task Sql_order_counts_and_pages_follow_the_documented_rules_over_generated_patients()
    {
        await using var store = await ReviewStore.CreateAsync();
        var random = new Random(23);
        for (var i = 0; i < 70; i++)
        {
            var patient = await store.AddPatientAsync(clientUserId: $"p-{random.Next(1000):000}-{i:00}");
            if (i % 9 != 0) await store.WriteAsync(patient, GeneratedPatient(random, DateTime.UtcNow.Date.AddDays(-random.Next(0, 50))));
        }

        foreach (var days in TriageFilter.PeriodDays)
        {
            var filter = TriageFilter.Default with { Days = days };
            var rows = await store.Triage.ExportAsync(store.Scope, filter);
            // Page 0 walks the urgency index, page 1 sorts the matching rows (TriageQuery.WalksTheOrder): both give the rule's order.
            Assert.True(TriageQuery.WalksTheOrder(70, 0, 70));
            Assert.False(TriageQuery.WalksTheOrder(70, 1, 70));
            var first = await store.Triage.PageAsync(store.Scope, filter);
            var second = await store.Triage.PageAsync(store.Scope, filter, page: 1);
            // The SQL order is the rule TriageRules documents, applied to the figures in memory.
            var expected = TriageRules.MostUrgentFirst(rows, r => r.Figures, r => r.ClientUserId, first.Now).Select(r => r.UserId).ToList();
            Assert.Equal(expected, rows.Select(r => r.UserId));
            Assert.Equal(70, first.Total);
            Assert.Equal(expected.Take(TriageQuery.PageSize), first.Rows.Select(r => r.UserId));
            Assert.Equal(expected.Skip(TriageQuery.PageSize), second.Rows.Select(r => r.UserId));
            foreach (var flag in TriageWords.AllFlags)
            {
                var carrying = rows.Where(r => r.Flags.Contains(flag)).Select(r => r.UserId).ToList();
                Assert.Equal(carrying.Count, first.FlagCounts[flag]);
                var filtered = await store.Triage.ExportAsync(store.Scope, filter with { Flags = new HashSet<TriageFlag> { flag } });
                Assert.Equal(carrying, filtered.Select(r => r.UserId));
            }

            foreach (var sort in Enum.GetValues<TriageSort>().Where(s => s != TriageSort.Urgency))
            {
                var sorted = await store.Triage.ExportAsync(store.Scope, filter with { Sort = sort });
                Assert.Equal(rows.Count, sorted.Count);
                Assert.True(IsOrdered(sorted, sort), $"sort {sort} is out of order");
            }
        }
    }

    [Fact]
    public async Task A_deleted_patient_leaves_the_triage_counts_and_rows_and_an_undo_brings_their_figures_back()
    {
        await using var store = await ReviewStore.CreateAsync();
        var start = T("2025-03-01 00:00");
        var kept = await store.AddPatientAsync(clientUserId: "kept");
        await store.WriteAsync(kept, ReviewStore.Every(15, start, 14, i => i % 10 == 0 ? 60 : 120));
        var deleted = await store.AddPatientAsync(clientUserId: "deleted");
        await store.WriteAsync(deleted, ReviewStore.Every(15, start, 14, i => i % 5 == 0 ? 60 : 120));
        // Two flags (lows, and silent since 2025), so the total is counted rather than read off one flag's count.
        var filter = TriageFilter.Parse(null, "low,no-data", null);
        var before = await store.Triage.PageAsync(store.Scope, filter);
        Assert.Equal((2, 2), (before.Total, before.FlagCounts[TriageFlag.LowOver4]));

        Assert.True(await new Dashboard.Core.Users.PatientDirectory(store.Contexts, TimeProvider.System).DeleteAsync(store.TeamId, deleted));
        var gone = await store.Triage.PageAsync(store.Scope, filter);
        Assert.Equal((1, 1), (gone.Total, gone.FlagCounts[TriageFlag.LowOver4]));
        Assert.Equal(["kept"], gone.Rows.Select(r => r.ClientUserId));
        Assert.Equal(1, (await store.Triage.PageAsync(store.Scope, TriageFilter.Default)).Total);

        Assert.True(await new Dashboard.Core.Users.PatientDirectory(store.Contexts, TimeProvider.System).UndoDeleteAsync(store.TeamId, deleted, null));
        var back = await store.Triage.PageAsync(store.Scope, filter);
        Assert.Equal(2, back.Total);
        Assert.Equal(before.Rows.Single(r => r.UserId == deleted).Metrics, back.Rows.Single(r => r.UserId == deleted).Metrics);
    }

    private static bool IsOrdered(IReadOnlyList<TriageRow> rows, TriageSort sort)
    {
        double Key(TriageRow r) => sort switch
        {
            TriageSort.Gri => -(r.Metrics.Gri ?? -1),
            TriageSort.InRange => r.Metrics.TimeInRangePercent ?? 101,
            TriageSort.VeryLow => -(r.Metrics.TimeVeryLowPercent ?? -1),
            TriageSort.Low => -(r.Metrics.TimeLowPercent ?? -1),
            TriageSort.Active => r.Metrics.ActivePercent ?? -1,
            TriageSort.InRangeChange => r.Figures.InRangeChange ?? 0,
            TriageSort.LastReading => (r.Figures.LastReading ?? DateTime.MinValue).Ticks,
            _ => 0,
        };
        for (var i = 1; i < rows.Count; i++)
        {
            if (Key(rows[i]) < Key(rows[i - 1])) return false;
            if (Key(rows[i]) == Key(rows[i - 1]) && string.CompareOrdinal(rows[i].ClientUserId, rows[i - 1].ClientUserId) < 0) return false;
        }

        return true;
    }

    [Fact]
    public async Task A_new_write_rewrites_the_summary_and_a_missing_summary_is_computed_on_demand()
    {
        await using var store = await ReviewStore.CreateAsync();
        var start = T("2025-03-01 00:00");
        var patient = await store.AddPatientAsync(clientUserId: "changing");
        await store.WriteAsync(patient, ReviewStore.Every(15, start, 14, _ => 120));
        var before = Assert.Single((await store.Triage.PageAsync(store.Scope, TriageFilter.Default)).Rows);
        Assert.Equal("100.0 %", before.InRange);

        // A later CSV-style write of lows: the summary follows the readings at once.
        await store.WriteAsync(patient, ReviewStore.Every(15, start.AddDays(14), 14, i => i % 2 == 0 ? 60 : 120));
        var after = Assert.Single((await store.Triage.PageAsync(store.Scope, TriageFilter.Default)).Rows);
        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.Default, GlucoseUnit.MgPerDl);
        Assert.Equal(review!.Metrics, after.Metrics);
        Assert.Contains(TriageFlag.LowOver4, after.Flags);
        Assert.Contains(TriageFlag.InRangeDropped15, after.Flags);

        // Rows lost (or written before the table existed): page 0 computes them again, equal to the review.
        await using (var db = await store.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(TriageFilter.PeriodDays.Count, await db.PatientSummaries.CountAsync(s => s.UserId == patient));
            await db.PatientSummaries.ExecuteDeleteAsync();
        }

        var again = Assert.Single((await store.Triage.PageAsync(store.Scope, TriageFilter.Default)).Rows);
        Assert.Equal(review.Metrics, again.Metrics);
        Assert.Equal(after.Figures.PreviousInRangePercent, again.Figures.PreviousInRangePercent);
        await using (var db = await store.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(TriageFilter.PeriodDays.Count, await db.PatientSummaries.CountAsync(s => s.UserId == patient));
        }
    }
}
