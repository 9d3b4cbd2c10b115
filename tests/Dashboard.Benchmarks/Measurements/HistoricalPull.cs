using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Glucose.Store;
using LibreView.Client;
using LibreView.Simulator;
using Microsoft.Extensions.DependencyInjection;
using CoreUnit = Dashboard.Core.Glucose.GlucoseUnit;
using StoreNoteKind = Dashboard.Core.Glucose.Store.NoteKind;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// A 90-day historical pull of a Libre 3 patient from the simulator on loopback Kestrel: the LibreView client's
/// page-by-page history read, then each page stored through <see cref="ReadingWriter"/> as a sync would (end to end),
/// against the client's fetch alone. Written against the client and the writer directly (no sync engine in this branch).
/// </summary>
public sealed class HistoricalPull : IMeasurement
{
    private const string Password = "Libre-Passw0rd!";
    private const int Days = 90;

    public string Name => "pull";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var sim = await SimulatorServer.StartAsync(ct: ct);
        var patient = sim.State.CreateAccount(new AccountSeed { Email = "pull@example.org", Password = Password, Sensor = "libre3" });
        await using var store = await BenchStore.CreateAsync(new Dictionary<string, string?>
        {
            ["LibreView:BaseUrlTemplate"] = sim.RegionUrlTemplate,
        });
        var client = store.Services.GetRequiredService<ILibreViewClient>();
        var writer = store.Services.GetRequiredService<ReadingWriter>();
        var session = (await client.LoginAsync(new LibreViewCredentials(patient.Email, Password, patient.Region), ct)).GetValueOrThrow();
        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-Days);

        // Warm-up (JIT, connection pool, SQLite pages) on one week of each path.
        await PullAsync(client, session, patient.Id, to.AddDays(-7), to, writer, ct);
        await PullAsync(client, session, patient.Id, to.AddDays(-7), to, null, ct);

        var fetchRates = new List<double>();
        var pipelinedRates = new List<double>();
        var endToEndRates = new List<double>();
        var readings = 0;
        var writeShare = new List<double>();
        for (var i = 0; i < options.PullRepetitions; i++)
        {
            var fetch = await PullAsync(client, session, patient.Id, from, to, null, ct);
            var endToEnd = await PullAsync(client, session, patient.Id, from, to, writer, ct);
            var pipelined = await PipelinedPullAsync(client, session, patient.Id, from, to, writer, ct);
            pipelinedRates.Add(pipelined.Readings / pipelined.Elapsed.TotalSeconds);
            fetchRates.Add(fetch.Readings / fetch.Elapsed.TotalSeconds);
            endToEndRates.Add(endToEnd.Readings / endToEnd.Elapsed.TotalSeconds);
            writeShare.Add(endToEnd.Writing / endToEnd.Elapsed);
            readings = endToEnd.Readings;
        }

        var value = Timing.Percentile(endToEndRates, 50);
        var baseline = Timing.Percentile(fetchRates, 50);
        return
        [
            new Result($"90-day Libre 3 pull end to end ({readings:N0} readings)", value, "readings/s", baseline, "client fetch alone",
                "≥ 0.8 × fetch", value >= 0.8 * baseline,
                $"median of {options.PullRepetitions}; {Days} pages of one day, each stored in its own ReadingWriter transaction; " +
                $"writing took {Timing.Percentile(writeShare, 50):P0} of the end-to-end time (the store commits with synchronous=NORMAL); " +
                $"simulator in the same process; what-if fetching the next page while storing the previous: " +
                $"{Timing.Percentile(pipelinedRates, 50):N0} readings/s ({Timing.Percentile(pipelinedRates, 50) / baseline:0.00} × fetch)"),
        ];
    }

    private sealed record Pull(int Readings, TimeSpan Elapsed, TimeSpan Writing);

    /// <summary>Reads the history page by page; with a writer, stores each page before asking for the next.</summary>
    private static async Task<Pull> PullAsync(ILibreViewClient client, LibreViewSession session, string patientId,
        DateTimeOffset from, DateTimeOffset to, ReadingWriter? writer, CancellationToken ct)
    {
        var userId = Guid.NewGuid();
        var connectionId = Guid.NewGuid();
        var readings = 0;
        var writing = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        await foreach (var result in client.ReadHistoryAsync(session, patientId, from, to, ct: ct))
        {
            var page = result.GetValueOrThrow();
            readings += page.Glucose.Count;
            if (writer is not null)
            {
                var writeStarted = Stopwatch.GetTimestamp();
                await writer.WriteAsync(userId, connectionId, DataSources.LibreView,
                    page.Glucose.Select(ToInput).ToList(), page.Notes.Select(ToInput).ToList(), ct);
                writing += Stopwatch.GetElapsedTime(writeStarted);
            }
        }
        return new Pull(readings, Stopwatch.GetElapsedTime(started), writing);
    }

    /// <summary>
    /// What-if: the fetch of the next page overlaps the store of the previous one (a bounded channel of pages), so the
    /// pull takes about the longer of the two instead of their sum.
    /// </summary>
    private static async Task<Pull> PipelinedPullAsync(ILibreViewClient client, LibreViewSession session, string patientId,
        DateTimeOffset from, DateTimeOffset to, ReadingWriter writer, CancellationToken ct)
    {
        var userId = Guid.NewGuid();
        var connectionId = Guid.NewGuid();
        var pages = Channel.CreateBounded<HistoryPage>(4);
        var started = Stopwatch.GetTimestamp();
        var fetching = Task.Run(async () =>
        {
            await foreach (var result in client.ReadHistoryAsync(session, patientId, from, to, ct: ct))
            {
                await pages.Writer.WriteAsync(result.GetValueOrThrow(), ct);
            }
            pages.Writer.Complete();
        }, ct);
        var readings = 0;
        await foreach (var page in pages.Reader.ReadAllAsync(ct))
        {
            readings += page.Glucose.Count;
            await writer.WriteAsync(userId, connectionId, DataSources.LibreView,
                page.Glucose.Select(ToInput).ToList(), page.Notes.Select(ToInput).ToList(), ct);
        }
        await fetching;
        return new Pull(readings, Stopwatch.GetElapsedTime(started), TimeSpan.Zero);
    }

    private static ReadingInput ToInput(GlucoseReading g) => new(
        g.Timestamp,
        g.Type == GlucoseRecordType.Historic ? ReadingKind.Automatic : ReadingKind.ManualScan,
        g.Value,
        g.Unit == LibreView.Client.GlucoseUnit.MmolPerL ? CoreUnit.MmolPerL : CoreUnit.MgPerDl);

    private static NoteInput ToInput(NoteEntry n) => n.Kind switch
    {
        LibreView.Client.NoteKind.Food => new NoteInput(n.Timestamp, StoreNoteKind.Carbohydrates, n.Carbs, null),
        LibreView.Client.NoteKind.RapidInsulin => new NoteInput(n.Timestamp, StoreNoteKind.RapidActingInsulin, n.Units, null),
        LibreView.Client.NoteKind.LongInsulin => new NoteInput(n.Timestamp, StoreNoteKind.LongActingInsulin, n.Units, null),
        _ => new NoteInput(n.Timestamp, StoreNoteKind.Note, null, n.Text),
    };
}
