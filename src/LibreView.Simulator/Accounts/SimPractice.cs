namespace LibreView.Simulator.Accounts;

/// <summary>A LibreView practice in one region, with its care-team-admin members (emails).</summary>
public sealed record SimPractice(string PracticeId, string Name, string Region, IReadOnlySet<string> Members)
{
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
    public string MinimumVersion { get; set; } = "";
    public int RequestsPerMinute { get; set; }
    public int LockoutFailures { get; set; }
    public int LockoutIntervalSeconds { get; set; }
    public int LockoutSeconds { get; set; }

    internal static SimulatorSettings From(SimulatorOptions o) => new()
    {
        TicketLifetime = o.TicketLifetime,
        StepTicketLifetime = o.StepTicketLifetime,
        MinimumVersion = o.MinimumVersion,
        RequestsPerMinute = o.RequestsPerMinute,
        LockoutFailures = o.LockoutFailures,
        LockoutIntervalSeconds = o.LockoutIntervalSeconds,
        LockoutSeconds = o.LockoutSeconds,
    };
}
