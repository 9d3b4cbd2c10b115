namespace LibreView.Simulator.Generation;

/// <summary>What a patient does on one local day: meals with their boluses, exercise, basal insulin and notes.</summary>
internal sealed record DailyPlan(DateOnly LocalDate, double DayOffset, IReadOnlyList<DailyPlan.Meal> Meals, DateTimeOffset? ExerciseStart, IReadOnlyList<GeneratedNote> Notes)
{
    public sealed record Meal(DateTimeOffset Utc, double Carbs);

    private const double CarbsPerUnit = 10;
    private static readonly string[] FreeTexts = ["Felt shaky", "Busy day at work", "Pizza night", "Slept badly", "Sick day, ate little"];

    public static DailyPlan Create(ulong patientKey, PatientProfile profile, TimeZoneInfo zone, DateOnly date)
    {
        var rnd = StableHash.Random(patientKey, date.DayNumber, 1);
        var meals = new List<Meal>();
        var notes = new List<GeneratedNote>();

        void AddMeal(double hour, double jitterMinutes)
        {
            var at = Clock.At(zone, date, TimeSpan.FromHours(hour) + TimeSpan.FromMinutes(Math.Round((rnd.NextDouble() * 2 - 1) * jitterMinutes)));
            var carbs = rnd.Next(profile.MinCarbs, profile.MaxCarbs + 1);
            meals.Add(new Meal(at, carbs));
            notes.Add(Note(zone, at, GeneratedNoteKind.Food, carbs: carbs));
            var units = Math.Round(carbs * profile.Coverage / CarbsPerUnit * 2, MidpointRounding.AwayFromZero) / 2;
            notes.Add(Note(zone, at, GeneratedNoteKind.RapidInsulin, units: units));
        }

        AddMeal(7.5, 45);
        AddMeal(12.5, 40);
        if (rnd.NextDouble() < 0.5) AddMeal(15.75, 30);
        AddMeal(19, 50);

        notes.Add(Note(zone, Clock.At(zone, date, TimeSpan.FromHours(22)), GeneratedNoteKind.LongInsulin, units: profile.LongInsulinUnits));

        DateTimeOffset? exercise = null;
        if (rnd.NextDouble() < 0.35)
        {
            exercise = Clock.At(zone, date, TimeSpan.FromHours(17.5) + TimeSpan.FromMinutes(rnd.Next(-30, 31)));
            notes.Add(Note(zone, exercise.Value, GeneratedNoteKind.Note, text: "Exercise: 45 min walk"));
        }
        if (rnd.NextDouble() < 0.2)
            notes.Add(Note(zone, Clock.At(zone, date, TimeSpan.FromHours(rnd.Next(9, 21))), GeneratedNoteKind.Note, text: FreeTexts[rnd.Next(FreeTexts.Length)]));

        var dayOffset = (rnd.NextDouble() * 2 - 1) * profile.DayVariation;
        return new DailyPlan(date, dayOffset, meals, exercise, notes.OrderBy(n => n.Utc).ToList());
    }

    private static GeneratedNote Note(TimeZoneInfo zone, DateTimeOffset utc, GeneratedNoteKind kind, double? carbs = null, double? units = null, string? text = null) =>
        new(utc, Clock.Local(zone, utc), kind, carbs, units, text);
}

/// <summary>Conversions between UTC instants and a patient's floating wall clock.</summary>
internal static class Clock
{
    public static DateTime Local(TimeZoneInfo zone, DateTimeOffset utc) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(utc, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>The instant of a local time of day; a time skipped by a DST change moves an hour later.</summary>
    public static DateTimeOffset At(TimeZoneInfo zone, DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(timeOfDay);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
