using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Review;

/// <summary>One kind's line of the events panel: how many, per week, mean duration.</summary>
public sealed record EventSummaryRow(GlucoseEventKind Kind, string Name, string Threshold, int Count, string PerWeek, string MeanDuration)
{
    /// <summary>The raw numbers behind <see cref="PerWeek"/> and <see cref="MeanDuration"/> (the console formats them in the person's language).</summary>
    public double? PerWeekValue { get; init; }

    public double? MeanDurationMinutes { get; init; }
}

/// <summary>One event as the review lists it and marks it on the detail chart (X and X2 are chart milliseconds).</summary>
public sealed record EventRow(GlucoseEventKind Kind, string Name, DateTime Start, DateTime End, string When, string Duration, string Extreme, bool CutByPeriod)
{
    /// <summary>The lowest (hypo) or highest (hyper) reading, in mg/dL: the raw value behind <see cref="Extreme"/>.</summary>
    public double ExtremeMgdl { get; init; }

    public double X => ChartTime.Milliseconds(Start);

    public double X2 => ChartTime.Milliseconds(End);
}

/// <summary>The events of the review's period (<see cref="GlucoseEvents"/>), formatted.</summary>
public sealed record ReviewEvents(IReadOnlyList<EventSummaryRow> Summary, IReadOnlyList<EventRow> Events)
{
    public static ReviewEvents Empty { get; } = ReviewEventsFormat.From(GlucoseEventReport.Empty, GlucoseUnit.MgPerDl);

    /// <summary>The events that overlap whole days [From 00:00, To 24:00), e.g. those the detail chart shows.</summary>
    public IReadOnlyList<EventRow> Overlapping(DayRange days)
    {
        var from = days.From.ToDateTime(TimeOnly.MinValue);
        var to = days.To.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return [.. Events.Where(e => e.Start < to && e.End > from)];
    }
}

/// <summary>Turns the engine's events into the text of the review's events panel, the PDF and the detail chart marks.</summary>
public static class ReviewEventsFormat
{
    public static ReviewEvents From(GlucoseEventReport report, GlucoseUnit unit) => new(
        [.. report.Summaries.Select(s => new EventSummaryRow(s.Kind, NameOf(s.Kind), ThresholdOf(s.Kind, unit), s.Count,
            s.PerWeek is { } w ? GlucoseFormat.Number(w, 1) : GlucoseFormat.NoValue,
            GlucoseFormat.Duration(s.MeanDurationMinutes)) { PerWeekValue = s.PerWeek, MeanDurationMinutes = s.MeanDurationMinutes })],
        [.. report.Events.Select(e => new EventRow(e.Kind, NameOf(e.Kind), e.Start, e.End,
            $"{GlucoseFormat.DateTime(e.Start)} – {(e.End.Date == e.Start.Date ? e.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : GlucoseFormat.DateTime(e.End))}",
            GlucoseFormat.Duration(e.DurationMinutes),
            $"{(GlucoseEvents.IsHypo(e.Kind) ? "lowest" : "highest")} {GlucoseFormat.Glucose(e.ExtremeMgdl, unit)}",
            e.AtWindowStart || e.AtWindowEnd) { ExtremeMgdl = e.ExtremeMgdl })]);

    public static string NameOf(GlucoseEventKind kind) => kind switch
    {
        GlucoseEventKind.HypoLevel2 => "Level 2 hypoglycaemia",
        GlucoseEventKind.HypoLevel1 => "Level 1 hypoglycaemia",
        GlucoseEventKind.HyperLevel1 => "Level 1 hyperglycaemia",
        _ => "Level 2 hyperglycaemia",
    };

    /// <summary>"&lt; 70 mg/dL" or "&gt; 13.9 mmol/L": where the kind's band begins, in the unit shown.</summary>
    public static string ThresholdOf(GlucoseEventKind kind, GlucoseUnit unit, IFormatProvider? format = null)
    {
        var b = GlucoseBands.For(unit);
        string N(double v) => $"{GlucoseFormat.Number(v, GlucoseFormat.Decimals(unit), format)} {GlucoseUnits.Symbol(unit)}";
        return kind switch
        {
            GlucoseEventKind.HypoLevel2 => $"< {N(b.VeryLowBelow)}",
            GlucoseEventKind.HypoLevel1 => $"< {N(b.LowBelow)}",
            GlucoseEventKind.HyperLevel1 => $"> {N(b.TargetUpTo)}",
            _ => $"> {N(b.HighUpTo)}",
        };
    }
}
