using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// The detail chart's markers: the hourly samples of <see cref="HourlyNoteSamples"/> (DESIGN §7: carbohydrates summed,
/// insulin summed per type, notes joined with "; ", always from the stored entries), one marker per hour and kind.
/// </summary>
public static class HourlyMarkers
{
    public static IReadOnlyList<HourlyMarker> From(IReadOnlyCollection<StoredNote> entries) =>
    [
        .. HourlyNoteSamples.Group(entries, NoteResource.Carbohydrates).Select(s => new HourlyMarker(s.Start, MarkerKind.Carbohydrates, s.Amount, null))
            .Concat(HourlyNoteSamples.Group(entries, NoteResource.InsulinInjection).Select(s => new HourlyMarker(s.Start, InsulinKind(s.Type), s.Amount, null)))
            .Concat(HourlyNoteSamples.Group(entries, NoteResource.Note).Select(s => new HourlyMarker(s.Start, MarkerKind.Note, null, s.Text)))
            .OrderBy(m => m.Hour).ThenBy(m => m.Kind),
    ];

    private static MarkerKind InsulinKind(string? type) =>
        type == HourlyNoteSamples.LongActing ? MarkerKind.LongActingInsulin : MarkerKind.RapidActingInsulin;
}
