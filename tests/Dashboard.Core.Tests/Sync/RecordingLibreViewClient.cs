using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LibreView.Client;

namespace Dashboard.Core.Tests.Sync;

/// <summary>Every history page asked for, across all engines of a test; and a way to "crash" an engine before a given page.</summary>
internal sealed class HistoryLog
{
    private int _pages;

    public ConcurrentQueue<(string PatientId, DateTimeOffset From, DateTimeOffset To)> Pages { get; } = new();

    /// <summary>When set, the page with this number (1-based, counting every page) cancels this source instead of being fetched.</summary>
    public (int Page, CancellationTokenSource Crash)? CrashBefore { get; set; }

    public bool Enter(string patientId, DateTimeOffset from, DateTimeOffset to)
    {
        var number = Interlocked.Increment(ref _pages);
        if (CrashBefore is { } crash && number == crash.Page)
        {
            crash.Crash.Cancel();
            return false;
        }
        Pages.Enqueue((patientId, from, to));
        return true;
    }
}

/// <summary>The real client, with history calls written to a <see cref="HistoryLog"/>.</summary>
internal sealed class RecordingLibreViewClient(ILibreViewClient inner, HistoryLog log) : ILibreViewClient
{
    public Task<LibreViewResult<LibreViewSession>> LoginAsync(LibreViewCredentials credentials, CancellationToken ct = default) =>
        inner.LoginAsync(credentials, ct);

    public Task<LibreViewResult<LibreViewSession>> CompleteMfaAsync(MfaChallenge challenge, string code, CancellationToken ct = default) =>
        inner.CompleteMfaAsync(challenge, code, ct);

    public Task<LibreViewResult<IReadOnlyList<PatientConnection>>> GetConnectionsAsync(LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        inner.GetConnectionsAsync(session, renewWith, ct);

    public Task<LibreViewResult<GraphData>> GetGraphAsync(LibreViewSession session, string patientId, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        inner.GetGraphAsync(session, patientId, renewWith, ct);

    public Task<LibreViewResult<IReadOnlyList<GlucoseReading>>> GetLogbookAsync(LibreViewSession session, string patientId, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        inner.GetLogbookAsync(session, patientId, renewWith, ct);

    public Task<LibreViewResult<HistoryPage>> GetHistoryPageAsync(LibreViewSession session, string patientId, DateTimeOffset from, DateTimeOffset to,
        string? cursor = null, LibreViewCredentials? renewWith = null, CancellationToken ct = default)
    {
        if (!log.Enter(patientId, from, to)) throw new OperationCanceledException("The engine crashed (test)");
        return inner.GetHistoryPageAsync(session, patientId, from, to, cursor, renewWith, ct);
    }

    public async IAsyncEnumerable<LibreViewResult<HistoryPage>> ReadHistoryAsync(LibreViewSession session, string patientId, DateTimeOffset from, DateTimeOffset to,
        LibreViewCredentials? renewWith = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetHistoryPageAsync(session, patientId, from, to, cursor, renewWith, ct);
            yield return page;
            if (!page.IsSuccess) yield break;
            session = page.Session ?? session;
            cursor = page.Value.NextCursor;
        } while (cursor is not null);
    }

    public Task<LibreViewResult<IReadOnlyList<Practice>>> GetPracticesAsync(LibreViewSession session, LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        inner.GetPracticesAsync(session, renewWith, ct);

    public Task<LibreViewResult<PracticePatient>> FindPracticePatientAsync(LibreViewSession session, string practiceId, string email,
        LibreViewCredentials? renewWith = null, CancellationToken ct = default) =>
        inner.FindPracticePatientAsync(session, practiceId, email, renewWith, ct);
}
