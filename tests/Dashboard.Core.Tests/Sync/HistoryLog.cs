using System.Collections.Concurrent;
using System.Text.Json;
using LibreView.Wire;

namespace Dashboard.Core.Tests.Sync;

/// <summary>Every Daily Log report asked of LibreView, across all engines of a test; and a way to "crash" an engine before a given report.</summary>
internal sealed class HistoryLog
{
    private int _reports;

    /// <summary>The patient and the floating start of each <c>POST /reports</c>.</summary>
    public ConcurrentQueue<(string PatientId, DateTime From)> Pages { get; } = new();

    /// <summary>When set, the report with this number (1-based, counting every report) cancels this source instead of being asked for.</summary>
    public (int Page, CancellationTokenSource Crash)? CrashBefore { get; set; }

    /// <summary>Sits under the LibreView client's HttpClient and writes down each report request.</summary>
    public DelegatingHandler Handler() => new Recorder(this);

    private sealed class Recorder(HistoryLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/reports", StringComparison.Ordinal))
            {
                var number = Interlocked.Increment(ref log._reports);
                if (log.CrashBefore is { } crash && number == crash.Page)
                {
                    crash.Crash.Cancel();
                    throw new OperationCanceledException("The engine crashed (test)", crash.Crash.Token);
                }
                var body = JsonSerializer.Deserialize<WireReportRequest>(await request.Content!.ReadAsStringAsync(ct), LibreJson.Options)!;
                log.Pages.Enqueue((body.PatientId, ReportTime.ToFloating(body.StartDates[0])));
            }
            return await base.SendAsync(request, ct);
        }
    }
}
