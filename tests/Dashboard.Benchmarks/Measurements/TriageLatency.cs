using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Patients;
using Dashboard.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// The triage page (<see cref="TriageQuery.PageAsync"/>: every patient's 14-day figures, flags, most urgent first, one
/// page of 50) on the patient list's generated store (100,000 patients / 10 M readings; 10,000 / 1 M with --quick), a
/// page turn and a new filter, against the patient list's first page of the same store.
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

        var runs = options.Quick ? 3 : 5;
        var baseline = new List<double>();
        for (var i = -1; i < runs; i++)
        {
            var ms = await Timing.MsAsync(() => patients.PageAsync(data.Scope, new PatientListFilter(), PatientSortColumn.ClientUserId, false, 0, 50, ct));
            if (i >= 0) baseline.Add(ms);
        }

        var turns = new List<double>();
        var filters = new List<double>();
        TriageResult? last = null;
        for (var i = 0; i < runs; i++)
        {
            turns.Add(await Timing.MsAsync(async () => last = await triage.PageAsync(data.Scope, TriageFilter.Default, page: i % 3, ct)));
            filters.Add(await Timing.MsAsync(() => triage.PageAsync(data.Scope, TriageFilter.Parse(null, i % 2 == 0 ? "low" : "tir,no-data", null), 0, ct)));
        }

        var note = $"{last!.Total:N0} patients; computed per request with the review's engine from each patient's readings " +
                   "(no per-patient rollups yet: the goal needs them)";
        return
        [
            new Result($"Triage page turn p95 ({options.Patients:N0} patients)", Timing.Percentile(turns, 95), "ms", Timing.Percentile(baseline, 95),
                "patient list first page (count + 50 rows)", $"p95 ≤ {PageGoalMs:0} ms", Timing.Percentile(turns, 95) <= PageGoalMs,
                $"p50 {Timing.Percentile(turns, 50):0} ms over {runs} runs; {note}"),
            new Result($"Triage new filter p95 ({options.Patients:N0} patients)", Timing.Percentile(filters, 95), "ms", Timing.Percentile(baseline, 95),
                "patient list first page (count + 50 rows)", $"p95 ≤ {FilterGoalMs:0} ms", Timing.Percentile(filters, 95) <= FilterGoalMs,
                $"p50 {Timing.Percentile(filters, 50):0} ms over {runs} runs"),
        ];
    }
}
