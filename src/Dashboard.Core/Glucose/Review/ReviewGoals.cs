using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Review;

/// <summary>One band of the Time in ranges bar, with its share, its time a day and the consensus goal beside it.</summary>
public sealed record RangeRow(GlucoseBand Band, string Name, string Limits, double Percent, string PercentText, string TimePerDay, string Goal, bool MeetsGoal);

/// <summary>
/// The engine's <see cref="ConsensusGoals"/> as the review shows them: target &gt; 70 %, below range &lt; 4 % (low and
/// very low together, as the consensus counts time below 70 mg/dL), very low &lt; 1 %, above range &lt; 25 % (high and
/// very high together), very high &lt; 5 %; CV ≤ 36 %; at least 70 % of the time CGM active.
/// </summary>
public static class ReviewGoals
{
    public static string CvGoal { get; } = $"≤ {Whole(ConsensusGoals.CvAtMostPercent)}";

    public static string SufficientActive { get; } = Whole(ConsensusGoals.ActiveAtLeastPercent);

    /// <summary>The five bands from very high down to very low, as the AGP report stacks them.</summary>
    public static IReadOnlyList<RangeRow> Rows(GlucoseMetrics metrics, GlucoseUnit unit)
    {
        var veryLow = metrics.TimeVeryLowPercent ?? 0;
        var low = metrics.TimeLowPercent ?? 0;
        var high = metrics.TimeHighPercent ?? 0;
        var veryHigh = metrics.TimeVeryHighPercent ?? 0;
        var target = metrics.TimeInRangePercent ?? 0;
        return
        [
            Row(GlucoseBand.VeryHigh, veryHigh, unit, $"< {Whole(ConsensusGoals.TimeVeryHighBelowPercent)}", veryHigh < ConsensusGoals.TimeVeryHighBelowPercent),
            Row(GlucoseBand.High, high, unit, $"< {Whole(ConsensusGoals.TimeHighBelowPercent)} (high and very high)", high + veryHigh < ConsensusGoals.TimeHighBelowPercent),
            Row(GlucoseBand.InRange, target, unit, $"> {Whole(ConsensusGoals.TimeInRangeAbovePercent)}", target > ConsensusGoals.TimeInRangeAbovePercent),
            Row(GlucoseBand.Low, low, unit, $"< {Whole(ConsensusGoals.TimeLowBelowPercent)} (low and very low)", low + veryLow < ConsensusGoals.TimeLowBelowPercent),
            Row(GlucoseBand.VeryLow, veryLow, unit, $"< {Whole(ConsensusGoals.TimeVeryLowBelowPercent)}", veryLow < ConsensusGoals.TimeVeryLowBelowPercent),
        ];
    }

    public static bool MeetsCvGoal(double? cvPercent) => cvPercent <= ConsensusGoals.CvAtMostPercent;

    private static string Whole(double percent) => $"{GlucoseFormat.Number(percent, 0)} %";

    public static string NameOf(GlucoseBand band) => band switch
    {
        GlucoseBand.VeryHigh => "Very high",
        GlucoseBand.High => "High",
        GlucoseBand.InRange => "Target range",
        GlucoseBand.Low => "Low",
        _ => "Very low",
    };

    /// <summary>The band's limits in the unit shown, e.g. "70–180 mg/dL" or "&gt; 13.9 mmol/L" (invariant unless a format is given).</summary>
    public static string LimitsOf(GlucoseBand band, GlucoseUnit unit, IFormatProvider? format = null)
    {
        var b = GlucoseBands.For(unit);
        var d = GlucoseFormat.Decimals(unit);
        string N(double v) => GlucoseFormat.Number(v, d, format);
        var symbol = GlucoseUnits.Symbol(unit);
        return band switch
        {
            GlucoseBand.VeryHigh => $"> {N(b.HighUpTo)} {symbol}",
            GlucoseBand.High => $"{N(b.TargetUpTo)}–{N(b.HighUpTo)} {symbol}",
            GlucoseBand.InRange => $"{N(b.LowBelow)}–{N(b.TargetUpTo)} {symbol}",
            GlucoseBand.Low => $"{N(b.VeryLowBelow)}–{N(b.LowBelow)} {symbol}",
            _ => $"< {N(b.VeryLowBelow)} {symbol}",
        };
    }

    /// <summary>Tight range in the unit shown: "70–140 mg/dL" or "3.9–7.8 mmol/L".</summary>
    public static string TightLimitsOf(GlucoseUnit unit, IFormatProvider? format = null)
    {
        var b = GlucoseBands.For(unit);
        var d = GlucoseFormat.Decimals(unit);
        return $"{GlucoseFormat.Number(b.LowBelow, d, format)}–{GlucoseFormat.Number(b.TightUpTo, d, format)} {GlucoseUnits.Symbol(unit)}";
    }

    private static RangeRow Row(GlucoseBand band, double percent, GlucoseUnit unit, string goal, bool met) =>
        new(band, NameOf(band), LimitsOf(band, unit), percent, GlucoseFormat.Percent(percent),
            GlucoseFormat.HoursAndMinutesPerDay(percent), goal, met);
}
