using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Glucose.Metrics;

/// <summary>The four CGM event kinds of the International Consensus (Battelino 2019; 2023 update for clinical trials).</summary>
public enum GlucoseEventKind
{
    /// <summary>Level 2 hypoglycaemia: below 54 mg/dL (3.0 mmol/L).</summary>
    HypoLevel2,

    /// <summary>Level 1 hypoglycaemia: below 70 mg/dL (3.9 mmol/L), level 2 readings included.</summary>
    HypoLevel1,

    /// <summary>Level 1 hyperglycaemia: above 180 mg/dL (10.0 mmol/L), level 2 readings included.</summary>
    HyperLevel1,

    /// <summary>Level 2 hyperglycaemia: above 250 mg/dL (13.9 mmol/L).</summary>
    HyperLevel2,
}

/// <summary>
/// One glucose event: [Start, End) of floating local time. <see cref="ExtremeMgdl"/> is the lowest reading of a
/// hypoglycaemia event or the highest of a hyperglycaemia event. <see cref="AtWindowStart"/>: the event was already
/// running at the window's first reading (it may have begun earlier); <see cref="AtWindowEnd"/>: it was still running at
/// the window's last reading — in both cases only the part inside the window is measured.
/// </summary>
public sealed record GlucoseEvent(GlucoseEventKind Kind, DateTime Start, DateTime End, double ExtremeMgdl, bool AtWindowStart, bool AtWindowEnd)
{
    public double DurationMinutes => (End - Start).TotalMinutes;
}

/// <summary>Events of one kind over a window: how many, how many per week of the window, and their mean duration.</summary>
public sealed record GlucoseEventSummary(GlucoseEventKind Kind, int Count, double? PerWeek, double? MeanDurationMinutes);

/// <summary>Every event of a window, and a summary per kind (in <see cref="GlucoseEvents.Kinds"/> order).</summary>
public sealed record GlucoseEventReport(IReadOnlyList<GlucoseEvent> Events, IReadOnlyList<GlucoseEventSummary> Summaries)
{
    public static GlucoseEventReport Empty { get; } = new([], [.. GlucoseEvents.Kinds.Select(k => new GlucoseEventSummary(k, 0, null, null))]);

    public GlucoseEventSummary SummaryOf(GlucoseEventKind kind) => Summaries.First(s => s.Kind == kind);
}

/// <summary>
/// Finds hypo- and hyperglycaemia events (International Consensus on Time in Range 2019, and the 2023 consensus on
/// CGM metrics for clinical trials), exactly as follows:
/// <list type="bullet">
/// <item><b>Bands</b> are judged in the unit each reading was measured in (DESIGN §8): level 1 hypo = very low or low
/// (&lt; 70 mg/dL, &lt; 3.9 mmol/L); level 2 hypo = very low (&lt; 54, &lt; 3.0); level 1 hyper = high or very high
/// (&gt; 180, &gt; 10.0); level 2 hyper = very high (&gt; 250, &gt; 13.9). A level 2 event is also (part of) a level 1
/// event: both are counted, each in its own kind.</item>
/// <item><b>Time</b>: each reading stands for [its time, its time + its weight), the weight of
/// <see cref="TimeInRanges"/> — the gap to the next reading when it is ≤ 45 minutes, otherwise dt0; the last reading
/// weighs dt0. So a 15-minute sensor's single reading stands for 15 minutes, a 5-minute sensor needs three.</item>
/// <item><b>Start</b>: an event begins at the first reading of a run of consecutive in-band readings that lasts
/// ≥ 15 minutes (from that reading's time to the end of the run's last reading).</item>
/// <item><b>End</b>: the event ends at the first reading of a run of consecutive out-of-band readings that lasts
/// ≥ 15 minutes. A shorter excursion out of the band does not end it; that time stays inside the event.</item>
/// <item><b>Gaps</b>: a gap of more than 45 minutes between readings (a signal loss, a sensor change and its warm-up)
/// breaks every run — nothing is known about the time in it. An event open at the gap ends where its last in-band
/// reading ends (that reading weighs dt0); a run cut by the gap before reaching 15 minutes is no event.</item>
/// <item><b>Window edges</b>: only the window's readings are looked at. An event open at the window's last reading ends
/// there, like at a gap; one under way at its first reading starts there. Both are counted and flagged.</item>
/// <item><b>Midnight</b> is nothing special: floating local time runs on, an event spanning it is one event.</item>
/// <item><b>Per week</b> = count × 7 / the window's days (a chosen period's or "last N days"' length; for the whole
/// series, its span from the first reading to the end of the last). <b>Mean duration</b> = the mean of End − Start,
/// in minutes; null without events.</item>
/// </list>
/// </summary>
public static class GlucoseEvents
{
    public const double MinimumMinutes = 15;

    /// <summary>The kinds in the order the review lists them: deepest hypo first.</summary>
    public static IReadOnlyList<GlucoseEventKind> Kinds { get; } =
        [GlucoseEventKind.HypoLevel2, GlucoseEventKind.HypoLevel1, GlucoseEventKind.HyperLevel1, GlucoseEventKind.HyperLevel2];

    public static bool IsHypo(GlucoseEventKind kind) => kind is GlucoseEventKind.HypoLevel1 or GlucoseEventKind.HypoLevel2;

    public static bool InBand(GlucoseEventKind kind, GlucoseBand band) => kind switch
    {
        GlucoseEventKind.HypoLevel2 => band == GlucoseBand.VeryLow,
        GlucoseEventKind.HypoLevel1 => band is GlucoseBand.VeryLow or GlucoseBand.Low,
        GlucoseEventKind.HyperLevel1 => band is GlucoseBand.High or GlucoseBand.VeryHigh,
        _ => band == GlucoseBand.VeryHigh,
    };

    public static GlucoseEventReport Find(GlucoseSeries series, MetricsWindow window) => Find(series.In(window), window);

    /// <param name="windowReadings">The window's readings, sorted and de-duplicated (see <see cref="GlucoseSeries"/>).</param>
    public static GlucoseEventReport Find(ReadOnlySpan<GlucoseReading> windowReadings, MetricsWindow window)
    {
        if (windowReadings.IsEmpty) return GlucoseEventReport.Empty;
        var dt0 = SamplingInterval.Dt0Minutes(windowReadings) ?? (int)MinimumMinutes;
        var bands = new GlucoseBand[windowReadings.Length];
        for (var i = 0; i < bands.Length; i++) bands[i] = GlucoseBands.Classify(windowReadings[i].Value, windowReadings[i].Unit);

        var events = new List<GlucoseEvent>();
        foreach (var kind in Kinds) FindKind(windowReadings, bands, dt0, kind, events);
        events.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));

        var days = window.Minutes is { } minutes
            ? minutes / 1440
            : (windowReadings[^1].Timestamp.AddMinutes(dt0) - windowReadings[0].Timestamp).TotalDays;
        var summaries = Kinds.Select(kind =>
        {
            var ofKind = events.Where(e => e.Kind == kind).ToList();
            return new GlucoseEventSummary(kind, ofKind.Count,
                days > 0 ? ofKind.Count * 7 / days : null,
                ofKind.Count > 0 ? ofKind.Average(e => e.DurationMinutes) : null);
        }).ToList();
        return new GlucoseEventReport(events, summaries);
    }

    private static void FindKind(ReadOnlySpan<GlucoseReading> r, GlucoseBand[] bands, int dt0, GlucoseEventKind kind, List<GlucoseEvent> events)
    {
        var hypo = IsHypo(kind);
        DateTime? runStart = null;     // first reading of the current in-band run (no event yet)
        var runStartIndex = -1;
        DateTime? eventStart = null;   // the open event
        var eventFromFirst = false;
        double extreme = 0;
        DateTime? outStart = null;     // first reading of the current out-of-band run inside an open event
        DateTime lastInBandEnd = default;

        void Close(DateTime end, bool atWindowEnd)
        {
            events.Add(new GlucoseEvent(kind, eventStart!.Value, end, extreme, eventFromFirst, atWindowEnd));
            eventStart = null;
            outStart = null;
        }

        for (var i = 0; i < r.Length; i++)
        {
            var gapAfter = i < r.Length - 1 ? (r[i + 1].Timestamp - r[i].Timestamp).TotalMinutes : double.PositiveInfinity;
            var brokenAfter = gapAfter > TimeInRanges.LongestWeighedGapMinutes;
            var end = r[i].Timestamp.AddMinutes(brokenAfter ? dt0 : gapAfter);
            var inBand = InBand(kind, bands[i]);
            var value = r[i].MgPerDl;

            if (eventStart is null)
            {
                if (inBand)
                {
                    if (runStart is null)
                    {
                        runStart = r[i].Timestamp;
                        runStartIndex = i;
                        extreme = value;
                    }
                    else
                    {
                        extreme = hypo ? Math.Min(extreme, value) : Math.Max(extreme, value);
                    }

                    if ((end - runStart.Value).TotalMinutes >= MinimumMinutes)
                    {
                        eventStart = runStart;
                        eventFromFirst = runStartIndex == 0;
                        runStart = null;
                    }
                }
                else
                {
                    runStart = null;
                }
            }
            else if (inBand)
            {
                outStart = null;
                extreme = hypo ? Math.Min(extreme, value) : Math.Max(extreme, value);
            }
            else
            {
                outStart ??= r[i].Timestamp;
                if ((end - outStart.Value).TotalMinutes >= MinimumMinutes) Close(outStart.Value, atWindowEnd: false);
            }

            if (inBand) lastInBandEnd = end;

            if (brokenAfter)
            {
                // Nothing is known past the gap (or the window's end): an open event ends where its last in-band reading ends.
                if (eventStart is not null) Close(outStart ?? lastInBandEnd, atWindowEnd: i == r.Length - 1 && outStart is null);
                runStart = null;
            }
        }
    }
}
