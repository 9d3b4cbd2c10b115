using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Teams;
using Dashboard.Core.Glucose.Metrics;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// What one review is computed from, read from the store once: the period's readings, their metrics and glucose
/// events (all in mg/dL, so unit-free), and the detail chart's readings and notes. The page holds it for as long as
/// the period stays, so choosing another unit is a computation in memory (<see cref="In"/>), never a new query
/// (issue 16 item 7: the unit switch took seconds when it read 90 days again).
/// </summary>
public sealed class ReviewReadings
{
    private readonly GlucoseSeries _series;
    private readonly MetricsWindow _window;
    private readonly GlucoseEventReport _events;

    internal ReviewReadings(Guid userId, Guid teamId, string clientUserId, DeploymentRegion region, ReviewPeriod period, GlucoseSeries series, MetricsWindow window,
        GlucoseMetrics metrics, DateOnly? firstDay, DateOnly? lastDay, GlucoseEventReport events, DetailReadings detail)
    {
        UserId = userId;
        TeamId = teamId;
        ClientUserId = clientUserId;
        Region = region;
        Period = period;
        _series = series;
        _window = window;
        Metrics = metrics;
        FirstDay = firstDay;
        LastDay = lastDay;
        _events = events;
        Detail = detail;
    }

    public Guid UserId { get; }

    public Guid TeamId { get; }

    public string ClientUserId { get; }

    /// <summary>The patient's team's deployment region, which sets the default unit (<see cref="Preferences.GlucoseUnitDefaults"/>).</summary>
    public DeploymentRegion Region { get; }

    public ReviewPeriod Period { get; }

    public GlucoseMetrics Metrics { get; }

    public DateOnly? FirstDay { get; }

    public DateOnly? LastDay { get; }

    public DetailReadings Detail { get; }

    /// <summary>The same period with another detail range.</summary>
    public ReviewReadings WithDetail(DetailReadings detail) =>
        new(UserId, TeamId, ClientUserId, Region, Period, _series, _window, Metrics, FirstDay, LastDay, _events, detail);

    /// <summary>The review, its numbers and chart data in <paramref name="unit"/>.</summary>
    public GlucoseReview In(GlucoseUnit unit)
    {
        var windowReadings = _series.In(_window);
        var profiles = FirstDay is { } f && LastDay is { } l ? ReviewCharts.DailyProfiles(windowReadings, f, l, unit) : [];
        return new GlucoseReview(UserId, TeamId, ClientUserId, Period, unit, FirstDay, LastDay, Metrics,
            ReviewStatisticsFormat.From(Metrics, FirstDay, LastDay, unit, Period), ReviewGoals.Rows(Metrics, unit),
            ReviewCharts.Agp(windowReadings, unit), profiles, Detail.In(unit), ReviewEventsFormat.From(_events, unit));
    }
}

/// <summary>The readings and notes of the detail chart's whole days, read once; <see cref="In"/> draws them in a unit.</summary>
public sealed class DetailReadings
{
    private readonly GlucoseSeries _readings;
    private readonly IReadOnlyList<HourlyMarker> _markers;

    internal DetailReadings(DayRange days, GlucoseSeries readings, IReadOnlyCollection<StoredNote> notes)
    {
        Days = days;
        _readings = readings;
        _markers = HourlyMarkers.From(notes);
    }

    public DayRange Days { get; }

    public DetailChart In(GlucoseUnit unit) =>
        new(Days.From, Days.To, unit, ReviewCharts.DetailLine(_readings.Readings, unit), _markers, ReviewCharts.TargetOf(unit));
}
