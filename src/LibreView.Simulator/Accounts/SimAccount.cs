using LibreView.Simulator.Generation;

namespace LibreView.Simulator.Accounts;

/// <summary>A simulated account. Mutable fields change only under <see cref="SimulatorState"/>'s lock.</summary>
public sealed class SimAccount
{
    internal SimAccount(string id, AccountSeed seed, DateTimeOffset created, PatientDataSource? data)
    {
        Id = id;
        Email = seed.Email.Trim();
        Region = seed.Region.Trim().ToLowerInvariant();
        Country = string.IsNullOrWhiteSpace(seed.Country) ? RegionDefaults.Country(Region) : seed.Country;
        FirstName = seed.FirstName;
        LastName = seed.LastName;
        Kind = seed.Kind;
        Unit = string.IsNullOrWhiteSpace(seed.Unit) ? RegionDefaults.Unit(Region) : seed.Unit;
        Created = created;
        Data = data;
        Password = seed.Password;
        PasswordExpiresAt = seed.PasswordExpiresAt;
        TermsAccepted = seed.TermsAccepted;
        PrivacyPolicyAccepted = seed.PrivacyPolicyAccepted;
        Mfa = seed.Mfa;
        MfaTarget = seed.MfaTarget;
    }

    /// <summary>LibreView's <c>user.id</c> (stable for a seed and email); also the patient id of connections.</summary>
    public string Id { get; }
    public string Email { get; }
    public string Region { get; }
    public string Country { get; }
    public string FirstName { get; }
    public string LastName { get; }
    public string Kind { get; }
    /// <summary><c>mg/dL</c> or <c>mmol/L</c>.</summary>
    public string Unit { get; }
    public DateTimeOffset Created { get; }
    /// <summary>The patient's generated data; null for care-team accounts.</summary>
    public PatientDataSource? Data { get; }

    public bool IsPatient => Kind == AccountKinds.Patient;
    public bool UsesMmol => Unit.StartsWith("mmol", StringComparison.OrdinalIgnoreCase);

    internal string Password { get; set; }
    internal DateTimeOffset? PasswordExpiresAt { get; set; }
    internal bool TermsAccepted { get; set; }
    internal bool PrivacyPolicyAccepted { get; set; }
    internal string Mfa { get; set; }
    internal string? MfaTarget { get; set; }
    /// <summary>Bumped when the password changes: tickets and trusted devices of an older generation stop working.</summary>
    internal int Generation { get; set; }
    internal List<DateTimeOffset> RecentFailures { get; } = [];
    internal DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The code sent by the last <c>sendcode</c>; none exists before one (reference §2.3).</summary>
    internal string? LastMfaCode { get; set; }
    /// <summary>Wrong codes since the last <c>sendcode</c> (assumed limit, §10 Q2).</summary>
    internal int MfaFailures { get; set; }
    /// <summary>Trusted-device tokens and when each expires (14 days, §2.4).</summary>
    internal Dictionary<string, DateTimeOffset> TrustedDevices { get; } = [];
    /// <summary>While set, nothing measured after this instant has reached LibreView (a phone offline; uploaded late).</summary>
    internal DateTimeOffset? UploadsPausedSince { get; set; }

    internal string MfaDestination => string.IsNullOrWhiteSpace(MfaTarget) ? Email : MfaTarget;

    /// <summary>Practice (care-team) accounts always ask for two-factor without a trusted device (§4.1), by e-mail unless set.</summary>
    internal string EffectiveMfa => !IsPatient && Mfa == MfaMethods.None ? MfaMethods.Email : Mfa;

    public AccountView ToView() => new(Id, Email, Region, Country, FirstName, LastName, Kind, Mfa, MfaTarget, PasswordExpiresAt,
        TermsAccepted, PrivacyPolicyAccepted, Data?.Profile.Name, Data?.Sensor.Name, Data?.Zone.Id, Unit, LockedUntil);
}

/// <summary>An account as the control API lists it (never the password).</summary>
public sealed record AccountView(
    string Id, string Email, string Region, string Country, string FirstName, string LastName, string Kind,
    string Mfa, string? MfaTarget, DateTimeOffset? PasswordExpiresAt, bool TermsAccepted, bool PrivacyPolicyAccepted,
    string? Profile, string? Sensor, string? TimeZone, string Unit, DateTimeOffset? LockedUntil);
