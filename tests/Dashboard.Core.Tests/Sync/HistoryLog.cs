using System.Collections.Concurrent;
using System.Web;

namespace Dashboard.Core.Tests.Sync;

/// <summary>Every history page asked of LibreView, across all engines of a test; and a way to "crash" an engine before a given page.</summary>
internal sealed class HistoryLog
{
    private int _pages;

    public ConcurrentQueue<(string PatientId, DateTimeOffset From)> Pages { get; } = new();

    /// <summary>When set, the page with this number (1-based, counting every page) cancels this source instead of being fetched.</summary>
    public (int Page, CancellationTokenSource Crash)? CrashBefore { get; set; }

    /// <summary>Sits under the LibreView client's HttpClient and writes down each history request.</summary>
    public DelegatingHandler Handler() => new Recorder(this);

    private sealed class Recorder(HistoryLog log) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (segments[^1] == "history")
            {
                var number = Interlocked.Increment(ref log._pages);
                if (log.CrashBefore is { } crash && number == crash.Page)
                {
                    crash.Crash.Cancel();
                    throw new OperationCanceledException("The engine crashed (test)", crash.Crash.Token);
                }
                var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
                var from = DateTimeOffset.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture);
                log.Pages.Enqueue((segments[^2], from));
            }
            return base.SendAsync(request, ct);
        }
    }
}
