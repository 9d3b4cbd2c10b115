using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Review;

/// <summary>A review beside a second one of the same patient and unit: the chosen period and the one it is compared with.</summary>
public sealed record ReviewComparison(GlucoseReview Chosen, GlucoseReview Second)
{
    /// <summary>Statistics side by side: label, chosen period's text, second period's text.</summary>
    public IReadOnlyList<(string Label, string Chosen, string Second)> Statistics
    {
        get
        {
            var a = Chosen.Statistics;
            var b = Second.Statistics;
            return
            [
                ("Period", $"{a.Period} ({a.Days})", $"{b.Period} ({b.Days})"),
                ("% time CGM is active", a.ActivePercent, b.ActivePercent),
                ("Mean glucose", a.Mean, b.Mean),
                ("GMI", a.Gmi, b.Gmi),
                ("CV", a.Cv, b.Cv),
                ("Standard deviation", a.Sd, b.Sd),
                ($"Time in tight range ({ReviewGoals.TightLimitsOf(Chosen.Unit)})", a.TightRange, b.TightRange),
                ("GRI", $"{a.Gri} (zone {a.GriZone})", $"{b.Gri} (zone {b.GriZone})"),
                ("Readings", a.Readings.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), b.Readings.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            ];
        }
    }

    /// <summary>The five bands side by side, very high first, with the change in percentage points.</summary>
    public IReadOnlyList<(RangeRow Chosen, RangeRow Second, string Change)> Ranges =>
        [.. Chosen.Ranges.Zip(Second.Ranges, (a, b) => (a, b, Second.HasReadings && Chosen.HasReadings
            ? $"{(a.Percent - b.Percent > 0 ? "+" : "")}{GlucoseFormat.Number(a.Percent - b.Percent, 1)} pts" : GlucoseFormat.NoValue))];

    /// <summary>Both medians at each full hour (the AGP's text rows), "–" where a period has no readings at that time.</summary>
    public IReadOnlyList<(string Time, string Chosen, string Second)> MedianHours
    {
        get
        {
            var chosen = Chosen.Agp.Table.ToDictionary(r => r.Time, r => r.Median);
            var second = Second.Agp.Table.ToDictionary(r => r.Time, r => r.Median);
            return [.. Enumerable.Range(0, 24).Select(h => GlucoseFormat.Clock(h * 60))
                .Select(t => (t, chosen.GetValueOrDefault(t, GlucoseFormat.NoValue), second.GetValueOrDefault(t, GlucoseFormat.NoValue)))];
        }
    }
}
