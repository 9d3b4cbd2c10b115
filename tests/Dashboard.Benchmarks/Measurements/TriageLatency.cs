using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Patients;
using Dashboard.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// The triage page (<see cref="TriageQuery.PageAsync"/>: every patient's figures from the per-patient summaries, flags
/// and counts, most urgent first, one page of 50, all in SQL) on the patient list's generated store (100,000 patients /
/// 10 M readings; 10,000 / 1 M with --quick). The generator writes readings straight into the table, so the summaries
/// are first computed by the fallback (<see cref="PatientSummaries.FillMissingAsync"/>, timed: what an upgrade costs
/// once). Then a page turn (pages 2–6 of the default view, with the first page's counts, as the page passes them) and a new filter (page 0 of another flag set or period,
/// which also looks for missing summaries; one sorts the whole scope by a column), against the patient list's first page of the same store.
/// </summary>
public sealed class TriageLatency : IMeasurement
{
    private const double PageGoalMs = 100;
    private const double FilterGoalMs = 300;

    public string Name => "triage";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var store = await BenchStore.CreateAsync();
        var data = PatientListData.Fill(store.ConnectionString, options.Patients, options.Readings);
        Console.WriteLine($"  generated {options.Patients:N0} patients, {data.Readings:N0} readings in {data.Took.TotalSeconds:0.0} s");
        var triage = store.Services.GetRequiredService<TriageQuery>();
        var patients = store.Services.GetRequiredService<PatientListQuery>();
        var summaries = store.Services.GetRequiredService<PatientSummaries>();

        var filled = 0;
        var fillMs = await Timing.MsAsync(async () => filled = await summaries.FillMissingAsync(data.Scope, TriageFilter.Default.Days, ct));
        Console.WriteLine($"  summarised {filled:N0} patients with readings in {fillMs / 1000:0.0} s ({fillMs / Math.Max(1, filled):0.00} ms each)");

        var runs = options.QueryRepetitions;
        var baseline = new List<double>();
        for (var i = -1; i < runs; i++)
        {
            var ms = await Timing.MsAsync(() => patients.PageAsync(data.Scope, new PatientListFilter(), PatientSortColumn.ClientUserId, false, 0, 50, ct));
            if (i >= 0) baseline.Add(ms);
        }

        TriageFilter[] newFilters =
        [
            TriageFilter.Parse(null, "low", null), TriageFilter.Parse(null, "tir,no-data", null), TriageFilter.Parse("7", null, null),
            TriageFilter.Parse("30", "gri", "tir"), TriageFilter.Parse(null, "on-target", "active"), TriageFilter.Parse("14", "very-low", null),
            TriageFilter.Parse(null, null, "active"), // a column's order over the whole scope: nothing to walk, every row sorted
        ];
        var turns = new List<double>();
        var filters = new List<double>();
        TriageResult? last = null;
        // The first page of the default view; turning its pages reuses its total and flag counts, as the page does.
        var first = await triage.PageAsync(data.Scope, TriageFilter.Default, 0, ct);
        for (var i = 0; i < runs; i++)
        {
            turns.Add(await Timing.MsAsync(async () => last = await triage.PageAsync(data.Scope, TriageFilter.Default, page: 1 + i % 5, ct, known: first)));
            filters.Add(await Timing.MsAsync(() => triage.PageAsync(data.Scope, newFilters[i % newFilters.Length], 0, ct)));
        }

        var note = $"{last!.Total:N0} patients in scope; summaries filled once in {fillMs / 1000:0.0} s for {filled:N0} patients";
        return
        [
            new Result($"Triage page turn p95 ({options.Patients:N0} patients)", Timing.Percentile(turns, 95), "ms", Timing.Percentile(baseline, 95),
                "patient list first page (count + 50 rows)", $"p95 ≤ {PageGoalMs:0} ms", Timing.Percentile(turns, 95) <= PageGoalMs,
                $"p50 {Timing.Percentile(turns, 50):0} ms over {runs} runs; {note}"),
            new Result($"Triage new filter p95 ({options.Patients:N0} patients)", Timing.Percentile(filters, 95), "ms", Timing.Percentile(baseline, 95),
                "patient list first page (count + 50 rows)", $"p95 ≤ {FilterGoalMs:0} ms", Timing.Percentile(filters, 95) <= FilterGoalMs,
                $"p50 {Timing.Percentile(filters, 50):0} ms over {runs} runs (flag sets and periods in turn, page 0)"),
        ];
    }
}
