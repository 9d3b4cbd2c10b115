using Dashboard.Core.Glucose.Store;

namespace Dashboard.Core.Glucose.Review;

/// <summary>Folds stored note entries into hourly samples (DESIGN §7), always from the entries themselves.</summary>
public static class HourlyMarkers
{
    public static IReadOnlyList<HourlyMarker> From(IEnumerable<StoredNote> entries) =>
        entries
            .GroupBy(n => (Hour: StartOfHour(n.Timestamp), Kind: KindOf(n.Kind)))
            .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Kind)
            .Select(g => g.Key.Kind == MarkerKind.Note
                ? new HourlyMarker(g.Key.Hour, g.Key.Kind, null,
                    string.Join("; ", g.OrderBy(n => n.Timestamp).Select(n => n.Text?.Trim()).Where(t => !string.IsNullOrEmpty(t))))
                : new HourlyMarker(g.Key.Hour, g.Key.Kind, g.Sum(n => n.Amount ?? 0), null))
            .ToList();

    public static DateTime StartOfHour(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Unspecified);

    private static MarkerKind KindOf(NoteKind kind) => kind switch
    {
        NoteKind.Carbohydrates => MarkerKind.Carbohydrates,
        NoteKind.RapidActingInsulin => MarkerKind.RapidActingInsulin,
        NoteKind.LongActingInsulin => MarkerKind.LongActingInsulin,
        _ => MarkerKind.Note,
    };
}
