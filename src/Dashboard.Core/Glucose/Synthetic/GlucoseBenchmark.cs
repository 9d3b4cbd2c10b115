namespace Dashboard.Core.Glucose.Synthetic;

/// <summary>
/// A deterministic synthetic CGM series for the benchmark program (tests/Dashboard.Benchmarks times the engine on it)
/// and for tests that need months of 5-minute data.
/// </summary>
public static class GlucoseBenchmark
{
    /// <summary>Readings every 5 minutes for the given days from 2025-01-01 00:00: a daily wave, meal peaks and noise, 40–400 mg/dL.</summary>
    public static GlucoseReading[] FiveMinuteSeries(int days = 90, int seed = 1)
    {
        var random = new Random(seed);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var readings = new GlucoseReading[days * 24 * 12];
        for (var i = 0; i < readings.Length; i++)
        {
            var time = start.AddMinutes(5 * i);
            var hour = time.TimeOfDay.TotalHours;
            var wave = 130 + 30 * Math.Sin(2 * Math.PI * (hour - 9) / 24);
            var meals = 70 * (Peak(hour, 8.5) + Peak(hour, 13) + Peak(hour, 19.5));
            var value = Math.Clamp(wave + meals + random.NextDouble() * 30 - 15, 40, 400);
            readings[i] = new GlucoseReading(time, Math.Round(value), GlucoseUnit.MgPerDl);
        }

        return readings;
    }

    private static double Peak(double hour, double at) => Math.Exp(-Math.Pow((hour - at) / 1.2, 2));
}
