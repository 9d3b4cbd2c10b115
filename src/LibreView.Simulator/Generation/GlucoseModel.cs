namespace LibreView.Simulator.Generation;

/// <summary>
/// Glucose as a pure function of time: circadian baseline, meal rises net of their boluses, exercise dips,
/// slow drift and sensor noise. Being stateless, any instant (hence any day) can be generated alone.
/// </summary>
internal sealed class GlucoseModel(ulong patientKey, PatientProfile profile, TimeZoneInfo zone, Func<DateOnly, DailyPlan> plan)
{
    public const int Lo = 40;
    public const int Hi = 500;
    private const double CarbPeakMinutes = 55;
    private const double InsulinPeakMinutes = 95;
    private const double ExercisePeakMinutes = 60;
    private const double EffectMinutes = 360;

    private readonly double _phase1 = StableHash.Unit(patientKey, 11) * 2 * Math.PI;
    private readonly double _phase2 = StableHash.Unit(patientKey, 12) * 2 * Math.PI;
    private readonly double _phase3 = StableHash.Unit(patientKey, 13) * 2 * Math.PI;

    public int MgPerDl(DateTimeOffset utc)
    {
        var local = Clock.Local(zone, utc);
        var date = DateOnly.FromDateTime(local);
        var hour = local.TimeOfDay.TotalHours;
        var today = plan(date);

        var v = profile.Base + today.DayOffset
                + profile.Dawn * Bump(hour, 6.5, 1.5)
                - profile.NightDip * Bump(hour, 3, 1.2);
        foreach (var day in new[] { plan(date.AddDays(-1)), today })
        {
            foreach (var meal in day.Meals)
            {
                var m = (utc - meal.Utc).TotalMinutes;
                if (m is < 0 or >= EffectMinutes) continue;
                var rise = meal.Carbs * profile.CarbRise;
                v += rise * Gamma(m, CarbPeakMinutes)
                     - rise * profile.Coverage * (CarbPeakMinutes / InsulinPeakMinutes) * Gamma(m, InsulinPeakMinutes);
            }
            if (day.ExerciseStart is { } start && (utc - start).TotalMinutes is var e and >= 0 and < EffectMinutes)
                v -= profile.ExerciseDip * Gamma(e, ExercisePeakMinutes);
        }

        var minutes = utc.ToUnixTimeSeconds() / 60.0;
        v += profile.Wobble * (0.6 * Math.Sin(2 * Math.PI * minutes / 97 + _phase1)
                               + 0.4 * Math.Sin(2 * Math.PI * minutes / 263 + _phase2)
                               + 0.5 * Math.Sin(2 * Math.PI * minutes / 1140 + _phase3));
        v += profile.Noise * (StableHash.Unit(patientKey, utc.ToUnixTimeSeconds(), 2) * 2 - 1);
        return (int)Math.Clamp(Math.Round(v), Lo, Hi);
    }

    /// <summary>LibreView's trend arrow from the change over the last 15 minutes: 1 falling fast .. 5 rising fast.</summary>
    public int TrendArrow(DateTimeOffset utc)
    {
        var perMinute = (MgPerDl(utc) - MgPerDl(utc.AddMinutes(-15))) / 15.0;
        return perMinute switch { < -2 => 1, < -1 => 2, <= 1 => 3, <= 2 => 4, _ => 5 };
    }

    private static double Bump(double hour, double centre, double width) =>
        Math.Exp(-Math.Pow(hour - centre, 2) / (2 * width * width));

    /// <summary>A rise-and-fall curve peaking at 1 after <paramref name="peak"/> minutes.</summary>
    private static double Gamma(double minutes, double peak) => minutes / peak * Math.Exp(1 - minutes / peak);
}
