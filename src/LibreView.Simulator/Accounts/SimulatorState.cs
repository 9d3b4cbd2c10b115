using System.Security.Cryptography;
using LibreView.Simulator.Control;
using LibreView.Simulator.Generation;

namespace LibreView.Simulator.Accounts;

/// <summary>
/// The simulated LibreView cloud's in-memory state: accounts, practices, sharing, settings and faults.
/// Thread-safe (one lock); time comes from the injected <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public sealed class SimulatorState
{
    private readonly object _gate = new();
    private readonly SimulatorOptions _options;
    private readonly Dictionary<string, SimAccount> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimAccount> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimPractice> _practices = [];
    private readonly List<SimShare> _shares = [];

    public SimulatorState(SimulatorOptions options, TimeProvider time)
    {
        _options = options;
        Time = time;
        Tickets = new TicketCodec(options.Seed);
        Settings = SimulatorSettings.From(options);
        Seed();
    }

    public TimeProvider Time { get; }

    /// <summary>The live knobs; change a property in place, or replace them all with <see cref="ReplaceSettings"/>.</summary>
    public SimulatorSettings Settings { get; private set; }
    public FaultRegistry Faults { get; } = new();
    internal TicketCodec Tickets { get; }
    internal RequestRateLimiter RateLimiter { get; } = new();

    public DateTimeOffset Now => Time.GetUtcNow();

    private long _apiRequests;

    /// <summary>How many LibreView API requests (not <c>/_sim</c>) reached the simulator, faulted or not.</summary>
    public long ApiRequests => Interlocked.Read(ref _apiRequests);

    internal void CountApiRequest() => Interlocked.Increment(ref _apiRequests);

    /// <summary>Requests per endpoint of the reference's list (<c>POST /auth/login</c>, …), and to paths it does not list.</summary>
    public RequestCounter Requests { get; } = new();

    /// <summary>Reports asked for with <c>POST /reports</c>, by channel id.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, SimReport> Reports { get; } = new();

    /// <summary>Creates an account; its id and data derive from the seed and email, so they are the same on every run.</summary>
    public SimAccount CreateAccount(AccountSeed seed)
    {
        Validate(seed);
        var created = Now;
        var key = seed.Email.Trim().ToLowerInvariant();
        var data = seed.Kind == AccountKinds.Patient
            ? new PatientDataSource(_options.Seed, key, PatientProfile.Get(seed.Profile), SensorKind.Get(seed.Sensor),
                TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(seed.TimeZone) ? RegionDefaults.Zone(seed.Region) : seed.TimeZone),
                created.AddDays(-_options.HistoryDays))
            : null;
        var account = new SimAccount(StableId(key), seed, created, data);
        lock (_gate)
        {
            if (_byEmail.ContainsKey(account.Email)) throw new SimulatorConflictException($"An account with email {account.Email} exists");
            _byEmail[account.Email] = account;
            _byId[account.Id] = account;
        }
        return account;
    }

    public IReadOnlyList<SimAccount> Accounts
    {
        get { lock (_gate) return [.. _byEmail.Values]; }
    }

    public SimAccount? FindByEmail(string email)
    {
        lock (_gate) return _byEmail.GetValueOrDefault(email.Trim());
    }

    public SimAccount? FindById(string id)
    {
        lock (_gate) return _byId.GetValueOrDefault(id);
    }

    public SimPractice CreatePractice(PracticeSeed seed)
    {
        if (string.IsNullOrWhiteSpace(seed.PracticeId)) throw new ArgumentException("practiceId is required");
        var region = seed.Region.Trim().ToLowerInvariant();
        lock (_gate)
        {
            var existing = _practices.FirstOrDefault(p => p.Is(seed.PracticeId, region));
            var members = new HashSet<string>(existing?.Members ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            members.UnionWith(seed.Members.Select(m => m.Trim()));
            var practice = new SimPractice(existing?.PracticeId ?? seed.PracticeId.Trim(),
                string.IsNullOrWhiteSpace(seed.Name) ? existing?.Name ?? seed.PracticeId : seed.Name, region, members);
            if (existing is not null) _practices.Remove(existing);
            _practices.Add(practice);
            return practice;
        }
    }

    public IReadOnlyList<SimPractice> Practices
    {
        get { lock (_gate) return [.. _practices]; }
    }

    public SimShare AddShare(ShareSeed seed)
    {
        var region = seed.Region.Trim().ToLowerInvariant();
        lock (_gate)
        {
            if (!_byEmail.TryGetValue(seed.Patient.Trim(), out var patient) || !patient.IsPatient)
                throw new SimulatorNotFoundException($"No patient account {seed.Patient}");
            var practice = _practices.FirstOrDefault(p => p.Is(seed.PracticeId, region))
                           ?? throw new SimulatorNotFoundException($"No practice {seed.PracticeId} in {region}");
            var share = new SimShare(patient.Email, practice.PracticeId, region);
            if (!_shares.Contains(share)) _shares.Add(share);
            return share;
        }
    }

    public bool RemoveShare(string patientEmail, string practiceId, string region)
    {
        lock (_gate)
            return _shares.RemoveAll(s => s.Is(practiceId, region) && string.Equals(s.PatientEmail, patientEmail, StringComparison.OrdinalIgnoreCase)) > 0;
    }

    public IReadOnlyList<SimShare> Shares
    {
        get { lock (_gate) return [.. _shares]; }
    }

    /// <summary>Changes the password (and its expiry); older tickets and trusted devices stop working.</summary>
    /// <summary>While paused, nothing measured from now on reaches LibreView; resuming uploads it all at once (days uploaded late).</summary>
    public void SetUploadsPaused(string email, bool paused) => Update(email, a => a.UploadsPausedSince = paused ? a.UploadsPausedSince ?? Now : null);

    /// <summary>Makes every trusted device of the account expire now, as 14 days passing would.</summary>
    public void ExpireTrustedDevices(string email) => Update(email, a =>
    {
        foreach (var token in a.TrustedDevices.Keys.ToList()) a.TrustedDevices[token] = Now.AddSeconds(-1);
    });

    /// <summary>The newest measurement instant LibreView has for the patient now: the upload lag, and a paused phone.</summary>
    internal DateTimeOffset UploadedUntil(SimAccount patient)
    {
        var lagged = Now.AddMinutes(-Settings.UploadLagMinutes);
        var paused = WithAccount(patient, a => a.UploadsPausedSince);
        return paused is { } p && p < lagged ? p : lagged;
    }

    public void SetPassword(string email, string password, DateTimeOffset? expiresAt = null) => Update(email, a =>
    {
        a.Password = password;
        a.PasswordExpiresAt = expiresAt;
        a.Generation++;
        a.TrustedDevices.Clear();
        a.RecentFailures.Clear();
        a.LockedUntil = null;
    });

    /// <summary>
    /// Makes the password expired as of now: open tickets stop working (LibreView forces the rotation) and the next
    /// login gets the <c>passwordExpired</c> step.
    /// </summary>
    public void ExpirePassword(string email) => Update(email, a =>
    {
        a.PasswordExpiresAt = Now.AddSeconds(-1);
        a.Generation++;
    });

    /// <summary>Switches two-factor: <c>none</c>, <c>sms</c> (target = phone) or <c>email</c> (target = address, default the account email).</summary>
    public void SetMfa(string email, string method, string? target = null)
    {
        if (method is not (MfaMethods.None or MfaMethods.Sms or MfaMethods.Email)) throw new ArgumentException($"Unknown MFA method '{method}'");
        Update(email, a =>
        {
            a.Mfa = method;
            a.MfaTarget = target;
            a.TrustedDevices.Clear();
        });
    }

    /// <summary>Sets whether the current terms of use and privacy policy are accepted (false: the next login asks again).</summary>
    public void SetDocumentsAccepted(string email, bool termsOfUse, bool privacyPolicy) => Update(email, a =>
    {
        a.TermsAccepted = termsOfUse;
        a.PrivacyPolicyAccepted = privacyPolicy;
    });

    /// <summary>The last two-factor code sent to the account, as a user would read it from their SMS or email.</summary>
    public string? LastMfaCode(string email)
    {
        lock (_gate) return _byEmail.GetValueOrDefault(email.Trim())?.LastMfaCode;
    }

    public void ReplaceSettings(SimulatorSettings settings) => Settings = settings;

    /// <summary>Back to the configured seed: accounts, practices, shares, settings and faults.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _byEmail.Clear();
            _byId.Clear();
            _practices.Clear();
            _shares.Clear();
            Settings = SimulatorSettings.From(_options);
        }
        Faults.Clear();
        RateLimiter.Clear();
        Requests.Clear();
        Reports.Clear();
        Seed();
    }

    /// <summary>Runs <paramref name="change"/> on the account under the lock.</summary>
    internal T WithAccount<T>(SimAccount account, Func<SimAccount, T> change)
    {
        lock (_gate) return change(account);
    }

    /// <summary>The patients <paramref name="viewer"/> may read in <paramref name="region"/>: themself, or those sharing with its practices.</summary>
    internal IReadOnlyList<SimAccount> VisiblePatients(SimAccount viewer, string region)
    {
        if (viewer.IsPatient) return [viewer];
        lock (_gate)
        {
            var practices = _practices.Where(p => p.Region == region && p.Members.Contains(viewer.Email)).ToList();
            return _shares
                .Where(s => practices.Any(p => s.Is(p.PracticeId, region)))
                .Select(s => _byEmail.GetValueOrDefault(s.PatientEmail))
                .OfType<SimAccount>()
                .DistinctBy(a => a.Id)
                .ToList();
        }
    }

    internal IReadOnlyList<SimPractice> PracticesOf(SimAccount member, string region)
    {
        lock (_gate) return _practices.Where(p => p.Region == region && p.Members.Contains(member.Email)).ToList();
    }

    /// <summary>The practices of <paramref name="viewer"/> in <paramref name="region"/> that <paramref name="patient"/> shares with.</summary>
    internal IReadOnlyList<SimPractice> SharedPractices(SimAccount viewer, SimAccount patient, string region)
    {
        lock (_gate)
            return _practices
                .Where(p => p.Region == region && p.Members.Contains(viewer.Email)
                            && _shares.Any(s => s.Is(p.PracticeId, region) && string.Equals(s.PatientEmail, patient.Email, StringComparison.OrdinalIgnoreCase)))
                .ToList();
    }

    private void Update(string email, Action<SimAccount> change)
    {
        lock (_gate)
        {
            if (!_byEmail.TryGetValue(email.Trim(), out var account)) throw new SimulatorNotFoundException($"No account {email}");
            change(account);
        }
    }

    private void Seed()
    {
        foreach (var a in _options.Accounts) CreateAccount(a);
        foreach (var p in _options.Practices) CreatePractice(p);
        foreach (var s in _options.Shares) AddShare(s);
    }

    private string StableId(string emailKey)
    {
        var bytes = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{_options.Seed}:{emailKey}"))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, as LibreView's ids look
        return new Guid(bytes).ToString();
    }

    private static void Validate(AccountSeed seed)
    {
        if (string.IsNullOrWhiteSpace(seed.Email) || !seed.Email.Contains('@')) throw new ArgumentException("A valid email is required");
        if (string.IsNullOrEmpty(seed.Password)) throw new ArgumentException("A password is required");
        if (!LibreView.Regions.LibreViewApiRegions.IsKnown(seed.Region)) throw new ArgumentException($"Unknown region '{seed.Region}'");
        if (seed.Kind is not (AccountKinds.Patient or AccountKinds.CareTeam)) throw new ArgumentException($"Unknown account kind '{seed.Kind}'");
        if (seed.Mfa is not (MfaMethods.None or MfaMethods.Sms or MfaMethods.Email)) throw new ArgumentException($"Unknown MFA method '{seed.Mfa}'");
        if (seed.Mfa == MfaMethods.Sms && string.IsNullOrWhiteSpace(seed.MfaTarget)) throw new ArgumentException("sms MFA needs a phone number in mfaTarget");
    }
}

public sealed class SimulatorConflictException(string message) : Exception(message);

public sealed class SimulatorNotFoundException(string message) : Exception(message);
