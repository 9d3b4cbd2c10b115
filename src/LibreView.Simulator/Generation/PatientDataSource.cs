using System.Collections.Concurrent;
using System.Globalization;

namespace LibreView.Simulator.Generation;

/// <summary>
/// The deterministic data of one patient, from (seed, account). Generated lazily one UTC day at a time,
/// so asking for 90 days costs 90 small days, and the same seed always gives the same values.
/// </summary>
public sealed class PatientDataSource
{
    private const double SignalLossChancePerDay = 0.2;
    private const int MaxCachedDays = 400;
    /// <summary>Sensor sessions are laid out from a fixed epoch, so the data of an instant never depends on when the account was made.</summary>
    private static readonly DateTimeOffset SessionEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ulong _key;
    private readonly GlucoseModel _model;
    private readonly ConcurrentDictionary<DateOnly, DailyPlan> _plans = new();
    private readonly ConcurrentDictionary<DateOnly, GeneratedDay> _days = new();
    private readonly DateTimeOffset _sessionAnchor;

    public PatientDataSource(int seed, string accountKey, PatientProfile profile, SensorKind sensor, TimeZoneInfo zone, DateTimeOffset dataStart)
    {
        _key = StableHash.Mix(StableHash.Of(accountKey.ToLowerInvariant()), seed);
        Profile = profile;
        Sensor = sensor;
        Zone = zone;
        DataStart = dataStart;
        _sessionAnchor = SessionEpoch.AddSeconds(-(long)(StableHash.Unit(_key, 3) * SensorKind.SessionLength.TotalSeconds));
        _model = new GlucoseModel(_key, profile, zone, Plan);
    }

    public PatientProfile Profile { get; }
    public SensorKind Sensor { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>No data exists before this instant.</summary>
    public DateTimeOffset DataStart { get; }

    /// <summary>Historic (automatic) readings in [from, to), oldest first.</summary>
    public IEnumerable<GeneratedReading> Historic(DateTimeOffset from, DateTimeOffset to) => Range(from, to, d => d.Historic);

    /// <summary>Scans in [from, to) (Libre 2 only), oldest first.</summary>
    public IEnumerable<GeneratedReading> Scans(DateTimeOffset from, DateTimeOffset to) => Range(from, to, d => d.Scans);

    public IEnumerable<GeneratedNote> Notes(DateTimeOffset from, DateTimeOffset to) =>
        Range<GeneratedNote>(from, to, d => d.Notes, n => n.Utc);

    /// <summary>The newest reading at or before <paramref name="now"/> (historic or scan), or null before any data.</summary>
    public GeneratedReading? Latest(DateTimeOffset now)
    {
        for (var back = 0; back < 3; back++)
        {
            var from = now.AddDays(-back - 1);
            var to = now.AddDays(-back).AddTicks(1);
            var latest = Historic(from, to).Concat(Scans(from, to)).MaxBy(r => r.Utc);
            if (latest is not null) return latest;
        }
        return null;
    }

    /// <summary>The sensor session running at <paramref name="t"/>.</summary>
    public SensorSession SessionAt(DateTimeOffset t)
    {
        var number = (int)Math.Floor((t - _sessionAnchor) / SensorKind.SessionLength);
        var start = _sessionAnchor + number * SensorKind.SessionLength;
        var serial = (StableHash.Mix(_key, number, 4) % 0xFFFFFFFFFFUL).ToString("X10", CultureInfo.InvariantCulture);
        return new SensorSession(number, start, serial);
    }

    /// <summary>The designed stretches without historic readings (warm-ups and signal losses) touching [from, to).</summary>
    public IReadOnlyList<DesignedGap> DesignedGaps(DateTimeOffset from, DateTimeOffset to)
    {
        var gaps = new List<DesignedGap>();
        for (var s = SessionAt(from); s.Start < to; s = SessionAt(s.End))
            gaps.Add(new DesignedGap(s.Start, s.FirstReading, "sensor warm-up"));
        for (var day = UtcDate(from).AddDays(-1); day <= UtcDate(to); day = day.AddDays(1))
            if (SignalLoss(day) is { } loss) gaps.Add(loss);
        return gaps.Where(g => g.End > from && g.Start < to).OrderBy(g => g.Start).ToList();
    }

    /// <summary>One UTC day of data, generated on first use.</summary>
    public GeneratedDay Day(DateOnly utcDate)
    {
        if (_days.Count > MaxCachedDays) _days.Clear();
        return _days.GetOrAdd(utcDate, Generate);
    }

    private IEnumerable<GeneratedReading> Range(DateTimeOffset from, DateTimeOffset to, Func<GeneratedDay, IReadOnlyList<GeneratedReading>> pick) =>
        Range(from, to, pick, r => r.Utc);

    private IEnumerable<T> Range<T>(DateTimeOffset from, DateTimeOffset to, Func<GeneratedDay, IReadOnlyList<T>> pick, Func<T, DateTimeOffset> at)
    {
        if (from < DataStart) from = DataStart;
        for (var day = UtcDate(from); day <= UtcDate(to); day = day.AddDays(1))
            foreach (var item in pick(Day(day)))
                if (at(item) >= from && at(item) < to) yield return item;
    }

    private GeneratedDay Generate(DateOnly utcDate)
    {
        var dayStart = new DateTimeOffset(utcDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var dayEnd = dayStart.AddDays(1);
        var historic = new List<GeneratedReading>();
        for (var session = SessionAt(dayStart); session.Start < dayEnd; session = SessionAt(session.End))
        {
            var first = session.FirstReading;
            var skip = dayStart > first ? (long)Math.Ceiling((dayStart - first) / Sensor.HistoricInterval) : 0;
            for (var t = first + skip * Sensor.HistoricInterval; t < dayEnd && t < session.End; t += Sensor.HistoricInterval)
                if (t >= DataStart && !InSignalLoss(t)) historic.Add(Reading(t, isScan: false));
        }

        var scans = Sensor.HasScans ? Scans(dayStart, dayEnd, historic) : [];
        var notes = LocalDatesOf(dayStart, dayEnd)
            .SelectMany(d => Plan(d).Notes)
            .Where(n => n.Utc >= dayStart && n.Utc < dayEnd && n.Utc >= DataStart)
            .ToList();
        return new GeneratedDay(utcDate, historic, scans, notes);
    }

    /// <summary>Libre 2 scans: a few a day at waking hours, whenever the sensor is reading.</summary>
    private List<GeneratedReading> Scans(DateTimeOffset dayStart, DateTimeOffset dayEnd, List<GeneratedReading> historic)
    {
        var rnd = StableHash.Random(_key, UtcDate(dayStart).DayNumber, 5);
        var count = rnd.Next(5, 11);
        var scans = new List<GeneratedReading>();
        for (var i = 0; i < count; i++)
        {
            var t = dayStart.AddSeconds(Math.Floor(rnd.NextDouble() * 86400));
            var session = SessionAt(t);
            if (t >= DataStart && t >= session.FirstReading && !InSignalLoss(t) && historic.All(h => h.Utc != t))
                scans.Add(Reading(t, isScan: true));
        }
        return scans.OrderBy(s => s.Utc).ToList();
    }

    private GeneratedReading Reading(DateTimeOffset t, bool isScan) =>
        new(t, Clock.Local(Zone, t), _model.MgPerDl(t), isScan, _model.TrendArrow(t));

    private bool InSignalLoss(DateTimeOffset t)
    {
        var day = UtcDate(t);
        return SignalLoss(day)?.Contains(t) == true || SignalLoss(day.AddDays(-1))?.Contains(t) == true;
    }

    /// <summary>On some days the phone loses the sensor for 20-100 minutes.</summary>
    private DesignedGap? SignalLoss(DateOnly utcDay)
    {
        if (StableHash.Unit(_key, utcDay.DayNumber, 6) >= SignalLossChancePerDay) return null;
        var start = new DateTimeOffset(utcDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            .AddMinutes(Math.Floor(StableHash.Unit(_key, utcDay.DayNumber, 7) * 22 * 60));
        var length = TimeSpan.FromMinutes(20 + Math.Floor(StableHash.Unit(_key, utcDay.DayNumber, 8) * 80));
        return new DesignedGap(start, start + length, "signal loss");
    }

    private DailyPlan Plan(DateOnly localDate)
    {
        if (_plans.Count > MaxCachedDays) _plans.Clear();
        return _plans.GetOrAdd(localDate, d => DailyPlan.Create(_key, Profile, Zone, d));
    }

    private IEnumerable<DateOnly> LocalDatesOf(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(Clock.Local(Zone, from)).AddDays(-1);
        var last = DateOnly.FromDateTime(Clock.Local(Zone, to)).AddDays(1);
        for (var d = first; d <= last; d = d.AddDays(1)) yield return d;
    }

    private static DateOnly UtcDate(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);
}
