namespace LibreView.Simulator.Accounts;

/// <summary>A LibreView practice in one region, with its care-team-admin members (emails).</summary>
public sealed record SimPractice(string PracticeId, string Name, string Region, IReadOnlySet<string> Members)
{
    /// <summary>LibreView's practice UUID (the key of <c>user.practices</c>), stable for a region and Practice ID.</summary>
    public string Id => Endpoints.Ids.Stable($"practice:{Region}:{PracticeId.ToLowerInvariant()}");

    public bool Is(string practiceId, string region) =>
        string.Equals(PracticeId, practiceId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Region, region, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A patient (email) sharing with a practice in a region.</summary>
public sealed record SimShare(string PatientEmail, string PracticeId, string Region)
{
    public bool Is(string practiceId, string region) =>
        string.Equals(PracticeId, practiceId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Region, region, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Knobs the control API and tests may change while the simulator runs.</summary>
public sealed class SimulatorSettings
{
    public TimeSpan TicketLifetime { get; set; }
    public TimeSpan StepTicketLifetime { get; set; }
    public TimeSpan TrustedDeviceLifetime { get; set; }
    public int RequestsPerMinutePerAddress { get; set; }
    public int RequestsPerMinutePerAccount { get; set; }
    public int LockoutFailures { get; set; }
    public int LockoutIntervalSeconds { get; set; }
    public int LockoutSeconds { get; set; }
    public int MaxMfaAttempts { get; set; }
    public int UploadLagMinutes { get; set; }
    public int LongPollStartedCount { get; set; }
    public int LongPollHoldMilliseconds { get; set; }
    public int MaxReportDays { get; set; }
    public TimeSpan ReportUrlLifetime { get; set; }
    public string ReportVariable { get; set; } = "";
    public bool ReportEntries { get; set; }
    public bool StrictHeaders { get; set; }
    public bool ExportCaptchaRequired { get; set; }

    internal static SimulatorSettings From(SimulatorOptions o) => new()
    {
        TicketLifetime = o.TicketLifetime,
        StepTicketLifetime = o.StepTicketLifetime,
        TrustedDeviceLifetime = o.TrustedDeviceLifetime,
        RequestsPerMinutePerAddress = o.RequestsPerMinutePerAddress,
        RequestsPerMinutePerAccount = o.RequestsPerMinutePerAccount,
        LockoutFailures = o.LockoutFailures,
        LockoutIntervalSeconds = o.LockoutIntervalSeconds,
        LockoutSeconds = o.LockoutSeconds,
        MaxMfaAttempts = o.MaxMfaAttempts,
        UploadLagMinutes = o.UploadLagMinutes,
        LongPollStartedCount = o.LongPollStartedCount,
        LongPollHoldMilliseconds = o.LongPollHoldMilliseconds,
        MaxReportDays = o.MaxReportDays,
        ReportUrlLifetime = o.ReportUrlLifetime,
        ReportVariable = o.ReportVariable,
        ReportEntries = o.ReportEntries,
        StrictHeaders = o.StrictHeaders,
        ExportCaptchaRequired = o.ExportCaptchaRequired,
    };
}
