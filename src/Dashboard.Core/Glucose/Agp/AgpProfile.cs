using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Glucose.Agp;

/// <summary>One 15-minute slot of the AGP day: how many readings fell in it and their percentiles (null when none).</summary>
public readonly record struct AgpSlot(TimeOnly Start, int Count, double? P5, double? P25, double? P50, double? P75, double? P95);

/// <summary>
/// The Ambulatory Glucose Profile: for each 15-minute slot of the day (96 slots, [00:00, 00:15) first),
/// the 5th, 25th, 50th, 75th and 95th percentile of the window's readings whose floating local
/// time-of-day falls in it, by the type 7 rule of <see cref="Quantiles"/>. Values are converted to the
/// requested unit with the one factor of <see cref="GlucoseUnits"/>.
/// </summary>
public static class AgpProfile
{
    public const int SlotMinutes = 15;
    public const int SlotsPerDay = 24 * 60 / SlotMinutes;

    public static AgpSlot[] Compute(ReadOnlySpan<GlucoseReading> windowReadings, GlucoseUnit unit = GlucoseUnit.MgPerDl)
    {
        // Counting sort of the values by slot: one array of values, one of slot starts.
        var starts = new int[SlotsPerDay + 1];
        foreach (var r in windowReadings) starts[SlotOf(r.Timestamp) + 1]++;
        for (var s = 0; s < SlotsPerDay; s++) starts[s + 1] += starts[s];

        var values = new double[windowReadings.Length];
        var next = (int[])starts.Clone();
        foreach (var r in windowReadings) values[next[SlotOf(r.Timestamp)]++] = GlucoseUnits.FromMgPerDl(r.MgPerDl, unit);

        var slots = new AgpSlot[SlotsPerDay];
        for (var s = 0; s < SlotsPerDay; s++)
        {
            var slotValues = values.AsSpan(starts[s], starts[s + 1] - starts[s]);
            slotValues.Sort();
            var start = new TimeOnly(0, 0).AddMinutes(s * SlotMinutes);
            slots[s] = slotValues.IsEmpty
                ? new AgpSlot(start, 0, null, null, null, null, null)
                : new AgpSlot(start, slotValues.Length,
                    Quantiles.Type7(slotValues, 0.05), Quantiles.Type7(slotValues, 0.25), Quantiles.Type7(slotValues, 0.50),
                    Quantiles.Type7(slotValues, 0.75), Quantiles.Type7(slotValues, 0.95));
        }

        return slots;
    }

    private static int SlotOf(DateTime timestamp) => (timestamp.Hour * 60 + timestamp.Minute) / SlotMinutes;
}
