namespace LibreView.Simulator;

/// <summary>Configuration of the simulator (section <c>LibreViewSimulator</c>). Every list seeds the in-memory state at start and on reset.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Seed of the data generator and of derived ids; the same seed gives the same patients and data.</summary>
    public int Seed { get; set; } = 20251125;

    /// <summary>Lifetime of a web ticket; each answer's <c>ticket</c> slides it (assumed 2 h, reference §10 Q4).</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Lifetime of a step ticket (tou, pp, 2faVerify): 1 h, as the captures show.</summary>
    public TimeSpan StepTicketLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a trusted device skips two-factor ("viable for 14 days", §2.4).</summary>
    public TimeSpan TrustedDeviceLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Requests per minute from one source address before Cloudflare's error 1015 page, and per account before a
    /// plain 429 (§6: blocking is per IP and per account). 0 = no limit. The defaults are far above what the demo sends.
    /// </summary>
    public int RequestsPerMinutePerAddress { get; set; } = 3000;
    public int RequestsPerMinutePerAccount { get; set; } = 300;

    /// <summary>Failed logins within <see cref="LockoutIntervalSeconds"/> that lock an account (§2.5: 3 in 60 s lock for 300 s).</summary>
    public int LockoutFailures { get; set; } = 3;
    public int LockoutIntervalSeconds { get; set; } = 60;
    public int LockoutSeconds { get; set; } = 300;

    /// <summary>Wrong codes allowed per sent code (assumed, §10 Q2).</summary>
    public int MaxMfaAttempts { get; set; } = 5;

    /// <summary>Minutes between a measurement and its arrival on LibreView (§7: about 17).</summary>
    public int UploadLagMinutes { get; set; } = 17;

    /// <summary>Long-polls answered <c>started</c> before the report is ready (§3.3), and how long each holds.</summary>
    public int LongPollStartedCount { get; set; } = 1;
    public int LongPollHoldMilliseconds { get; set; }

    /// <summary>The longest report range accepted (assumed 180 days, §10 Q6).</summary>
    public int MaxReportDays { get; set; } = 180;

    /// <summary>How long a report URL can be fetched (assumed 10 minutes, §10 Q8).</summary>
    public TimeSpan ReportUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The variable the report page assigns: <c>window.Report</c> since 2022-07 (§3.4); tests change its case.</summary>
    public string ReportVariable { get; set; } = "window.Report";

    /// <summary>Put the assumed food, insulin and notes entries in the report (§9: assumed keys, behind a flag).</summary>
    public bool ReportEntries { get; set; } = true;

    /// <summary>Require <c>product: lv</c>, <c>newyu-lv-web-version</c> and <c>account-id</c> on web calls (assumed strict mode, §10 Q12).</summary>
    public bool StrictHeaders { get; set; }

    /// <summary>
    /// <c>POST /export</c> wants a captcha answer (reference §3.7: on every export), as <c>captchaResponse</c> in the body or
    /// a <c>captcha-token</c> header; any non-empty value passes, since the simulator cannot check one.
    /// </summary>
    public bool ExportCaptchaRequired { get; set; } = true;

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
