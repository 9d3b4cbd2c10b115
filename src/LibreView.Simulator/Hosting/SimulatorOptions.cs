namespace LibreView.Simulator;

/// <summary>Configuration of the simulator (section <c>LibreViewSimulator</c>). Every list seeds the in-memory state at start and on reset.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Seed of the data generator and of derived ids; the same seed gives the same patients and data.</summary>
    public int Seed { get; set; } = 20251125;

    /// <summary>Lifetime of a full ticket (the real one is 180 days).</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Lifetime of a step ticket (tou, pp, 2fa).</summary>
    public TimeSpan StepTicketLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Requests older than this <c>version</c> header get HTTP 403 status 920.</summary>
    public string MinimumVersion { get; set; } = "4.16.0";

    /// <summary>Requests a caller may make per minute before HTTP 429 with <c>Retry-After</c>; 0 = no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Failed logins within <see cref="LockoutIntervalSeconds"/> that lock an account.</summary>
    public int LockoutFailures { get; set; } = 5;
    public int LockoutIntervalSeconds { get; set; } = 60;
    public int LockoutSeconds { get; set; } = 300;

    /// <summary>How many days of data exist before an account's creation.</summary>
    public int HistoryDays { get; set; } = 120;

    public List<AccountSeed> Accounts { get; set; } = [];
    public List<PracticeSeed> Practices { get; set; } = [];
    public List<ShareSeed> Shares { get; set; } = [];
}

/// <summary>A simulated LibreView account: a patient, or a care-team member of practices.</summary>
public sealed class AccountSeed
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>Home region; a login elsewhere is redirected here.</summary>
    public string Region { get; set; } = "us";
    /// <summary>ISO country; derived from the region when empty.</summary>
    public string? Country { get; set; }
    public string FirstName { get; set; } = "Sam";
    public string LastName { get; set; } = "Patient";
    /// <summary><c>patient</c> or <c>careTeam</c>.</summary>
    public string Kind { get; set; } = AccountKinds.Patient;
    /// <summary><c>none</c>, <c>sms</c> or <c>email</c>.</summary>
    public string Mfa { get; set; } = MfaMethods.None;
    /// <summary>Phone number for sms; the account email when empty for email.</summary>
    public string? MfaTarget { get; set; }
    public DateTimeOffset? PasswordExpiresAt { get; set; }
    public bool TermsAccepted { get; set; } = true;
    public bool PrivacyPolicyAccepted { get; set; } = true;
    /// <summary><c>well_controlled</c>, <c>hyperglycaemic</c> or <c>frequent_hypos</c>.</summary>
    public string Profile { get; set; } = "well_controlled";
    /// <summary><c>libre2</c> (15-minute history plus scans) or <c>libre3</c> (5-minute history).</summary>
    public string Sensor { get; set; } = "libre3";
    /// <summary>IANA zone of the patient's device; a region default when empty.</summary>
    public string? TimeZone { get; set; }
    /// <summary><c>mg/dL</c> or <c>mmol/L</c>; a region default when empty.</summary>
    public string? Unit { get; set; }
}

public sealed class PracticeSeed
{
    public string PracticeId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Region { get; set; } = "us";
    /// <summary>Emails of care-team-admin accounts.</summary>
    public List<string> Members { get; set; } = [];
}

/// <summary>A patient sharing their data with a practice in a region.</summary>
public sealed class ShareSeed
{
    public string Patient { get; set; } = "";
    public string PracticeId { get; set; } = "";
    public string Region { get; set; } = "us";
}

public static class AccountKinds
{
    public const string Patient = "patient";
    public const string CareTeam = "careTeam";
}

public static class MfaMethods
{
    public const string None = "none";
    public const string Sms = "sms";
    public const string Email = "email";
}
