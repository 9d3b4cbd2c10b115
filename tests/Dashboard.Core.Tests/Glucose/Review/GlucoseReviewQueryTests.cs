using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Review;
using Dashboard.Core.Glucose.Store;
using Xunit.Abstractions;
using static Dashboard.Core.Tests.Glucose.Readings;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;
using Dashboard.Core.Glucose.Synthetic;

namespace Dashboard.Core.Tests.Glucose.Review;

public sealed class GlucoseReviewQueryTests(ITestOutputHelper output)
{
    private static readonly DateTime Start = T("2025-03-01 00:00");

    [Fact]
    public async Task A_patient_of_another_organisation_or_team_is_not_found()
    {
        await using var store = await ReviewStore.CreateAsync();
        var (otherOrganization, otherTeam) = await store.AddOrganizationAsync("Other Clinic");
        var patient = await store.AddPatientAsync();
        var other = new StaffScope(otherOrganization, "Other Clinic", [otherTeam]);

        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.Default, GlucoseUnit.MgPerDl);
        Assert.Equal(store.TeamId, review!.TeamId);
        Assert.Null(await store.Query.GetAsync(patient, other, ReviewPeriod.Default, GlucoseUnit.MgPerDl));
        Assert.Null(await store.Query.GetAsync(patient, other with { TeamIds = [otherTeam, store.TeamId] }, ReviewPeriod.Default, GlucoseUnit.MgPerDl));
        Assert.Null(await store.Query.GetAsync(patient, store.Scope with { TeamIds = [] }, ReviewPeriod.Default, GlucoseUnit.MgPerDl));
        Assert.Null(await store.Query.GetAsync(patient, StaffScope.None, ReviewPeriod.Default, GlucoseUnit.MgPerDl));
        Assert.Null(await store.Query.GetDetailAsync(patient, other, DayRange.Single(new(2025, 3, 1)), GlucoseUnit.MgPerDl));
        Assert.Null(await store.Query.GetAsync(Guid.NewGuid(), store.Scope, ReviewPeriod.Default, GlucoseUnit.MgPerDl));
    }

    [Fact]
    public async Task Last_14_days_end_at_the_newest_reading_and_match_the_engine()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();
        // 20 days of 15-minute data: 100, 150, 200, 250, 300 mg/dL in turn.
        var readings = ReviewStore.Every(15, Start, 20, i => 100 + 50 * (i % 5)).ToArray();
        await store.WriteAsync(patient, readings);

        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.LastDays(14), GlucoseUnit.MgPerDl);

        var expected = GlucoseMetricsCalculator.Compute(GlucoseSeries.From(readings), MetricsWindow.LastDays(14));
        Assert.NotNull(review);
        Assert.Equal("patient-1", review.ClientUserId);
        Assert.Equal(14 * 96, review.Metrics.Readings); // (last − 14 × 24 h, last]: exactly 14 days of 96 readings
        Assert.Equal(expected, review.Metrics);
        Assert.Equal(T("2025-03-20 23:45"), review.Metrics.Last);
        Assert.Equal("200 mg/dL", review.Statistics.Mean); // (100 + 150 + 200 + 250 + 300) / 5
        Assert.Equal("100.0 %", review.Statistics.ActivePercent);
        Assert.True(review.Statistics.SufficientData);
        Assert.Equal(14, review.DailyProfiles.Count); // (6 Mar 23:45, 20 Mar 23:45]: the first reading is 7 Mar 00:00
        Assert.Equal(new DateOnly(2025, 3, 20), review.Detail.From);
        Assert.Equal(96, review.Detail.Glucose.Count);
    }

    [Fact]
    public async Task Ranges_show_time_a_day_and_the_consensus_goals()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();
        // 10 readings an hour-cycle of 15 minutes: 1 very low (50), 1 low (60), 6 target (120), 1 high (200), 1 very high (300).
        double[] cycle = [50, 60, 120, 120, 120, 120, 120, 120, 200, 300];
        await store.WriteAsync(patient, ReviewStore.Every(15, Start, 5, i => cycle[i % cycle.Length]));

        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.LastDays(7), GlucoseUnit.MgPerDl);

        var rows = review!.Ranges;
        Assert.Equal([GlucoseBand.VeryHigh, GlucoseBand.High, GlucoseBand.InRange, GlucoseBand.Low, GlucoseBand.VeryLow], rows.Select(r => r.Band));
        var target = rows.Single(r => r.Band == GlucoseBand.InRange);
        Assert.Equal("60.0 %", target.PercentText);
        Assert.Equal("14 h 24 min", target.TimePerDay); // 60 % of 1,440 min = 864 min
        Assert.Equal("> 70 %", target.Goal);
        Assert.False(target.MeetsGoal);
        Assert.Equal("2 h 24 min", rows.Single(r => r.Band == GlucoseBand.VeryLow).TimePerDay); // 10 %
        Assert.Equal("70–180 mg/dL", target.Limits);
        Assert.Equal("71.4 %", review.Statistics.ActivePercent); // 5 days in a 7-day period: 480 × 15 / 10,080
        Assert.True(review.Statistics.SufficientData);
    }

    [Fact]
    public async Task Under_70_percent_active_is_flagged_and_mmol_is_shown_with_one_decimal()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();
        // 9 days of 15-minute data at 180.182 mg/dL (10.0 mmol/L) in a 14-day period: 9 × 96 × 15 / (14 × 1,440) = 64.3 %.
        await store.WriteAsync(patient, ReviewStore.Every(15, Start, 9, _ => 180.182));

        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.LastDays(14), GlucoseUnit.MmolPerL);

        Assert.Equal("64.3 %", review!.Statistics.ActivePercent);
        Assert.False(review.Statistics.SufficientData);
        Assert.Equal("10.0 mmol/L", review.Statistics.Mean);
        Assert.Equal(new TargetBand(3.9, 10.0), review.Agp.Target);
        Assert.All(review.Agp.Median, p => Assert.Equal(10.0, p.Y));
        Assert.Equal("3.9–10.0 mmol/L", review.Ranges.Single(r => r.Band == GlucoseBand.InRange).Limits);
    }

    [Fact]
    public async Task A_custom_period_is_whole_days_from_start_0000_to_end_2400()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();
        await store.WriteAsync(patient, ReviewStore.Every(15, Start, 10, _ => 120));

        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.Custom(new(2025, 3, 3), new(2025, 3, 5)), GlucoseUnit.MgPerDl);

        Assert.Equal(3 * 96, review!.Metrics.Readings);
        Assert.Equal(T("2025-03-03 00:00"), review.Metrics.First);
        Assert.Equal(T("2025-03-05 23:45"), review.Metrics.Last);
        Assert.Equal(["Mon 3 Mar", "Tue 4 Mar", "Wed 5 Mar"], review.DailyProfiles.Select(d => d.Title));
        Assert.Equal("3 Mar 2025 – 5 Mar 2025", review.Statistics.Period);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewPeriod.Custom(new(2025, 1, 1), new(2025, 4, 1)));
    }

    [Fact]
    public async Task Detail_markers_are_hourly_samples_recomputed_from_the_entries()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();
        await store.WriteAsync(patient, ReviewStore.Every(15, Start, 2, _ => 120),
            new NoteInput(T("2025-03-02 08:05"), NoteKind.Carbohydrates, 30, null),
            new NoteInput(T("2025-03-02 08:40"), NoteKind.Carbohydrates, 15, null),
            new NoteInput(T("2025-03-02 08:10"), NoteKind.RapidActingInsulin, 4, null),
            new NoteInput(T("2025-03-02 08:50"), NoteKind.RapidActingInsulin, 1.5, null),
            new NoteInput(T("2025-03-02 08:20"), NoteKind.LongActingInsulin, 12, null),
            new NoteInput(T("2025-03-02 21:15"), NoteKind.Note, null, "walk"),
            new NoteInput(T("2025-03-02 21:45"), NoteKind.Note, null, "snack"),
            new NoteInput(T("2025-03-01 12:00"), NoteKind.Carbohydrates, 60, null)); // another day: not in the detail

        var detail = await store.Query.GetDetailAsync(patient, store.Scope, DayRange.Single(new(2025, 3, 2)), GlucoseUnit.MgPerDl);

        Assert.Equal(
            [
                new HourlyMarker(T("2025-03-02 08:00"), MarkerKind.Carbohydrates, 45, null),
                new HourlyMarker(T("2025-03-02 08:00"), MarkerKind.RapidActingInsulin, 5.5, null),
                new HourlyMarker(T("2025-03-02 08:00"), MarkerKind.LongActingInsulin, 12, null),
                new HourlyMarker(T("2025-03-02 21:00"), MarkerKind.Note, null, "walk; snack"),
            ],
            detail!.Markers);
        Assert.Equal(["Carbs 45 g", "Rapid 5.5 U", "Long 12.0 U", "Note: walk; snack"], detail.Markers.Select(m => m.Label));
        Assert.Equal(ChartTime.Milliseconds(T("2025-03-02 00:00")), detail.Glucose[0].X); // floating time, not converted
    }

    [Fact]
    public async Task A_patient_without_readings_has_an_empty_review()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();

        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.Default, GlucoseUnit.MgPerDl);

        Assert.False(review!.HasReadings);
        Assert.True(review.Agp.IsEmpty);
        Assert.Empty(review.DailyProfiles);
        Assert.True(review.Detail.IsEmpty);
        Assert.Equal("–", review.Statistics.Mean);
    }

    [Fact]
    public async Task Ninety_days_of_5_minute_data_stay_under_2000_points_a_series_and_150_KB()
    {
        await using var store = await ReviewStore.CreateAsync();
        var patient = await store.AddPatientAsync();
        var readings = GlucoseBenchmark.FiveMinuteSeries(90);
        await store.WriteAsync(patient, readings);

        await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.LastDays(7), GlucoseUnit.MgPerDl); // warm-up: EF model, JIT
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var review = await store.Query.GetAsync(patient, store.Scope, ReviewPeriod.LastDays(90), GlucoseUnit.MgPerDl);
        output.WriteLine($"90-day review read and computed in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms");
        var wholeRange = await store.Query.GetDetailAsync(patient, store.Scope, new DayRange(review!.FirstDay!.Value, review.LastDay!.Value), GlucoseUnit.MgPerDl);
        var withWholeDetail = review with { Detail = wholeRange! };

        Assert.Equal(90 * 288, review.Metrics.Readings); // (31 Dec 23:55, 31 Mar 23:55] holds them all
        Assert.Equal(ReviewCharts.MaxSeriesPoints, wholeRange!.Glucose.Count);
        Assert.Contains(wholeRange.Glucose, p => p.Y == readings.Max(r => r.Value)); // LTTB keeps the extremes
        Assert.All(review.DailyProfiles, d => Assert.True(d.Points.Count <= ReviewCharts.DailyProfilePoints));
        var bytes = ReviewPayload.ChartBytes(withWholeDetail);
        output.WriteLine($"chart data for 90 days of 5-minute data, detail over the whole period: {bytes:N0} bytes; with a one-day detail: {ReviewPayload.ChartBytes(review):N0} bytes");
        Assert.True(bytes < ReviewPayload.BudgetBytes, $"{bytes} bytes");
    }
}
