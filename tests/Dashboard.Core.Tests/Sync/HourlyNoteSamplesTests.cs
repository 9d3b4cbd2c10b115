using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Core.Tests.Sync;

public sealed class HourlyNoteSamplesTests
{
    private static readonly DateTime Hour = new(2026, 3, 29, 8, 0, 0);

    private static StoredNote Entry(int minute, NoteKind kind, double? amount = null, string? text = null) =>
        new() { Timestamp = Hour.AddMinutes(minute), Kind = kind, Amount = amount, Text = text, Source = DataSources.LibreView };

    private static readonly StoredNote[] Entries =
    [
        Entry(5, NoteKind.Carbohydrates, 30), Entry(50, NoteKind.Carbohydrates, 12.5), Entry(65, NoteKind.Carbohydrates, 20),
        Entry(6, NoteKind.RapidActingInsulin, 4), Entry(40, NoteKind.RapidActingInsulin, 1.5), Entry(41, NoteKind.LongActingInsulin, 18),
        Entry(30, NoteKind.Note, text: "run"), Entry(10, NoteKind.Note, text: "breakfast"),
    ];

    [Fact]
    public void Carbohydrates_are_summed_per_hour_at_the_start_of_the_hour()
    {
        var samples = HourlyNoteSamples.Group(Entries, NoteResource.Carbohydrates);

        Assert.Equal([(Hour, 42.5), (Hour.AddHours(1), 20.0)], samples.Select(s => (s.Start, s.Amount!.Value)));
    }

    [Fact]
    public void Insulin_is_summed_per_type()
    {
        var samples = HourlyNoteSamples.Group(Entries, NoteResource.InsulinInjection);

        Assert.Equal([("long_acting", 18.0), ("rapid_acting", 5.5)], samples.Select(s => (s.Type!, s.Amount!.Value)));
        Assert.All(samples, s => Assert.Equal(Hour, s.Start));
    }

    [Fact]
    public void Notes_of_an_hour_are_joined_in_time_order_and_grouping_again_changes_nothing()
    {
        var once = HourlyNoteSamples.Group(Entries, NoteResource.Note);
        var twice = HourlyNoteSamples.Group(Entries, NoteResource.Note);

        Assert.Equal("breakfast; run", Assert.Single(once).Text);
        Assert.Equal(once, twice);
    }
}
