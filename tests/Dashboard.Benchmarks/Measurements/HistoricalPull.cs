using System.Diagnostics;
using Dashboard.Benchmarks.Runner;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Sync;
using LibreView.Client;
using LibreView.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// A 90-day historical pull of a Libre 3 patient from the simulator on loopback Kestrel through LibreView's report
/// pipeline (report settings, <c>POST /reports</c>, channel, long-poll, report HTML, <c>window.Report</c> parse), then
/// the readings stored through <see cref="ReadingWriter"/> as the sync does (end to end), against fetching the report alone.
/// </summary>
public sealed class HistoricalPull : IMeasurement
{
    private const string Password = "Libre-Passw0rd!";
    private const int Days = 90;
    private const int WarmUpPulls = 4;

    public string Name => "pull";

    public async Task<IReadOnlyList<Result>> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { LongPollStartedCount = 0 }, ct: ct);
        var patient = sim.State.CreateAccount(new AccountSeed { Email = "pull@example.org", Password = Password, Sensor = "libre3" });
        await using var store = await BenchStore.CreateAsync(new Dictionary<string, string?>
        {
            ["LibreView:BaseUrlTemplate"] = sim.RegionUrlTemplate,
        });
        var client = store.Services.GetRequiredService<ILibreViewClient>();
        var writer = store.Services.GetRequiredService<ReadingWriter>();
        var session = (await client.LoginAsync(new LibreViewCredentials(patient.Email, Password, patient.Region), LoginPurpose.Unattended, ct)).GetValueOrThrow();
        var to = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);
        var from = to.AddDays(-Days);

        // Warm-up (JIT tiers, connection pool, SQLite pages) on whole pulls of each path: with one short pull the parse
        // was still being recompiled during the measured repetitions, and the fetch's rate swung by a third between runs.
        for (var i = 0; i < WarmUpPulls; i++)
        {
            await PullAsync(client, session, from, to, writer, ct);
            await PullAsync(client, session, from, to, null, ct);
        }

        var fetchRates = new List<double>();
        var endToEndRates = new List<double>();
        var readings = 0;
        var writeShare = new List<double>();
        for (var i = 0; i < options.PullRepetitions; i++)
        {
            // The sides alternate which goes first, so drift on a shared machine hits both.
            Pull fetch, endToEnd;
            if (i % 2 == 0)
            {
                fetch = await PullAsync(client, session, from, to, null, ct);
                endToEnd = await PullAsync(client, session, from, to, writer, ct);
            }
            else
            {
                endToEnd = await PullAsync(client, session, from, to, writer, ct);
                fetch = await PullAsync(client, session, from, to, null, ct);
            }
            fetchRates.Add(fetch.Readings / fetch.Elapsed.TotalSeconds);
            endToEndRates.Add(endToEnd.Readings / endToEnd.Elapsed.TotalSeconds);
            writeShare.Add(endToEnd.Writing / endToEnd.Elapsed);
            readings = endToEnd.Readings;
        }

        var value = Timing.Percentile(endToEndRates, 50);
        var baseline = Timing.Percentile(fetchRates, 50);
        return
        [
            new Result($"90-day Libre 3 pull end to end through the report pipeline ({readings:N0} readings)", value, "readings/s", baseline,
                "fetching the report alone", "≥ 0.8 × fetch", value >= 0.8 * baseline,
                $"median of {options.PullRepetitions}; one 90-day Daily Log (5 requests and an HTML parse), stored in one ReadingWriter transaction as it is parsed; the simulator answers the first long-poll with the report (no generation wait); " +
                $"each day is stored while the next is parsed (a streamed write), committed without its own fsync or checkpoint (durable with the sync's next commit; the log is checkpointed in the background); the commit's wait after the parse took {Timing.Percentile(writeShare, 50):P0} of the end-to-end time; simulator in the same process"),
        ];
    }

    private sealed record Pull(int Readings, TimeSpan Elapsed, TimeSpan Writing);

    /// <summary>
    /// Reads the Daily Log of the window; with a writer, stores it as the sync does: each day goes into one streamed
    /// write as the report is parsed, committed after the parse. <see cref="Pull.Writing"/> is the wait for that commit
    /// after the report was read: the part of the store that did not overlap the parse.
    /// </summary>
    private static async Task<Pull> PullAsync(ILibreViewClient client, LibreViewSession session,
        DateTime from, DateTime to, ReadingWriter? writer, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var rows = writer?.Begin(Guid.NewGuid(), Guid.NewGuid(), DataSources.LibreView, ct);
        Action<DailyLogDay>? onDay = rows is null ? null : day => LibreViewRows.AddTo(rows, day);
        var log = (await client.GetDailyLogAsync(session, null, from, to, onDay: onDay, ct: ct)).GetValueOrThrow();
        var writing = TimeSpan.Zero;
        if (rows is not null)
        {
            var commitStarted = Stopwatch.GetTimestamp();
            await rows.CommitAsync(ct: ct);
            writing = Stopwatch.GetElapsedTime(commitStarted);
        }
        return new Pull(log.Glucose.Count, Stopwatch.GetElapsedTime(started), writing);
    }
}
