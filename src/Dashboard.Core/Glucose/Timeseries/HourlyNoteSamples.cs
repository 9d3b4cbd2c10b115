using Dashboard.Core.Glucose.Store;

namespace Dashboard.Core.Glucose.Timeseries;

/// <summary>The note-like timeseries of the API (DESIGN §7).</summary>
public enum NoteResource
{
    Note,
    Carbohydrates,
    InsulinInjection,
}

/// <summary>One hourly sample: [<see cref="Start"/>, start + 1 h); <see cref="Type"/> is the insulin type.</summary>
public sealed record HourlySample(DateTime Start, string? Type, double? Amount, string? Text);

/// <summary>
/// Turns note entries into hourly samples at the start of the hour (DESIGN §7): carbohydrates summed, insulin summed
/// per type, notes joined with "; " — always from the entries themselves, so a re-sync never double counts.
/// </summary>
public static class HourlyNoteSamples
{
    public const string RapidActing = "rapid_acting";
    public const string LongActing = "long_acting";

    public static IReadOnlyCollection<NoteKind> KindsOf(NoteResource resource) => resource switch
    {
        NoteResource.Carbohydrates => [NoteKind.Carbohydrates],
        NoteResource.InsulinInjection => [NoteKind.RapidActingInsulin, NoteKind.LongActingInsulin],
        _ => [NoteKind.Note],
    };

    public static IReadOnlyList<HourlySample> Group(IEnumerable<StoredNote> entries, NoteResource resource)
    {
        var kinds = KindsOf(resource);
        return entries
            .Where(e => kinds.Contains(e.Kind))
            .GroupBy(e => (Hour: HourOf(e.Timestamp), Type: InsulinType(e.Kind)))
            .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Type)
            .Select(g => resource == NoteResource.Note
                ? new HourlySample(g.Key.Hour, null, null, string.Join("; ", g.OrderBy(e => e.Timestamp).Select(e => e.Text).Where(t => !string.IsNullOrWhiteSpace(t))))
                : new HourlySample(g.Key.Hour, g.Key.Type, g.Sum(e => e.Amount ?? 0), null))
            .ToList();
    }

    public static DateTime HourOf(DateTime floating) => new(floating.Year, floating.Month, floating.Day, floating.Hour, 0, 0, DateTimeKind.Unspecified);

    private static string? InsulinType(NoteKind kind) => kind switch
    {
        NoteKind.RapidActingInsulin => RapidActing,
        NoteKind.LongActingInsulin => LongActing,
        _ => null,
    };
}
