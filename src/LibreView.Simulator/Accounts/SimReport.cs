namespace LibreView.Simulator.Accounts;

/// <summary>
/// A report asked for with <c>POST /reports</c> (who may read it, whose data, which floating range), or a CSV export
/// asked for with <c>POST /export</c> (<see cref="IsExport"/>: all data, no range). Both go through the same channel.
/// </summary>
internal sealed class SimReport(string viewerId, string patientId, string region, DateTime from, DateTime to, DateTimeOffset createdAt, bool isExport = false)
{
    public bool IsExport { get; } = isExport;
    public string ViewerId { get; } = viewerId;
    public string PatientId { get; } = patientId;
    public string Region { get; } = region;
    public DateTime From { get; } = from;
    public DateTime To { get; } = to;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    private int _polls;

    /// <summary>Counts one long-poll; returns how many came before it.</summary>
    public int Poll() => Interlocked.Increment(ref _polls) - 1;
}
