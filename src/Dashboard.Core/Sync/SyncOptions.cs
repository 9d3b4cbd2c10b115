namespace Dashboard.Core.Sync;

/// <summary>Configuration of the sync engine (section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    /// <summary>False: the hosted engine does not poll; tests drive <see cref="SyncEngine.RunOnceAsync"/> by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far back the historical pull of a new connection reaches.</summary>
    public int HistoricalDays { get; set; } = 90;

    /// <summary>How often a connected connection is synced once its historical pull is done.</summary>
    public TimeSpan OngoingInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whole days an ongoing sync re-reads before the day of the last stored reading, so days uploaded late arrive
    /// (reference §7); storing is idempotent, so re-read readings change nothing.
    /// </summary>
    public int OngoingOverlapDays { get; set; } = 3;

    /// <summary>How often a <c>freestyle_libre</c> connection waiting in <c>user_not_found</c> looks for the patient again.</summary>
    public TimeSpan ShareRecheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the engine looks for due work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claim on a connection lasts without renewal; a crashed owner's work is taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Report windows of a historical pull fetched per claim before the connection is let go for others.</summary>
    public int MaxPagesPerClaim { get; set; } = 30;

    /// <summary>Connections worked on at once by one engine.</summary>
    public int MaxConcurrentConnections { get; set; } = 4;

    /// <summary>Connections claimed per cycle at most.</summary>
    public int MaxConnectionsPerCycle { get; set; } = 50;

    /// <summary>Failed attempts in a row before a historical pull gives up with <c>retry_quota_exhausted</c>.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay after a failure; doubled each attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Identifies this engine in leases; unique per process by default.</summary>
    public string OwnerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}

/// <summary>How long a window one Daily Log report is asked for may be (section <c>LibreView</c>: <c>ReportWindowDays</c>).</summary>
public sealed class ReportWindowOptions
{
    /// <summary>At most 90 days per report (reference §10 Q6: the server's maximum is unknown; 90 days is what clients use).</summary>
    public int ReportWindowDays { get; set; } = 90;
}
