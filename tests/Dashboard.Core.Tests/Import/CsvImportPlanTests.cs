using System.Text;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Import;
using Dashboard.Core.Glucose.Store;
using LibreView.Csv;
using LibreView.Tests.Csv;

namespace Dashboard.Core.Tests.Import;

/// <summary>What an export becomes in the store. Columns of the current mg/dL layout: 4 historic, 5 scan,
/// 7 rapid insulin, 8 food text, 9 carbs (g), 10 carbs (servings), 12 long insulin, 13 notes, 14 strip, 15 ketone.</summary>
public class CsvImportPlanTests
{
    private static readonly DateTime At0800 = new(2024, 2, 13, 8, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void Historic_rows_become_automatic_readings_and_scans_manual_scans_on_floating_time()
    {
        var plan = PlanOf("13-02-2024 08:00|0|4=100", "13-02-2024 08:00|1|5=110", "13-02-2024 08:15|0|4=105");

        Assert.Equal(
            [
                new ReadingInput(At0800, ReadingKind.Automatic, 100, GlucoseUnit.MgPerDl, "ABC123"),
                new ReadingInput(At0800, ReadingKind.ManualScan, 110, GlucoseUnit.MgPerDl, "ABC123"),
                new ReadingInput(At0800.AddMinutes(15), ReadingKind.Automatic, 105, GlucoseUnit.MgPerDl, "ABC123"),
            ],
            plan.Readings);
        Assert.All(plan.Readings, r => Assert.Equal(DateTimeKind.Unspecified, r.Timestamp.Kind));
        Assert.Equal((2, 1), (plan.AutomaticReadings, plan.ScanReadings));
        Assert.Empty(plan.Remarks);
    }

    [Fact]
    public void Strips_and_ketones_are_left_out_and_said_so()
    {
        var plan = PlanOf("13-02-2024 08:00|0|4=100", "13-02-2024 08:05|2|14=95", "13-02-2024 08:06|3|15=0.4", "13-02-2024 08:07|3|15=0.0");

        Assert.Single(plan.Readings);
        Assert.Equal((1, 2), (plan.StripReadingsLeftOut, plan.KetoneReadingsLeftOut));
        Assert.Equal(["1 strip readings left out: they are not CGM readings", "2 ketone readings left out: they are not glucose readings"], plan.Remarks);
    }

    [Fact]
    public void Of_readings_with_the_same_time_and_kind_the_first_in_the_file_is_kept_as_the_metrics_do()
    {
        var plan = PlanOf("13-02-2024 08:00|0|4=100", "13-02-2024 08:00|0|4=150", "13-02-2024 08:00|1|5=120");

        Assert.Equal([100.0, 120.0], plan.Readings.Select(r => r.MeasuredValue));
        Assert.Equal(1, plan.DuplicateReadings);
    }

    [Fact]
    public void Carbs_in_grams_insulin_and_notes_become_store_notes()
    {
        var plan = PlanOf(
            "13-02-2024 08:00|5|9=45|8=Pasta", // carbs with a food description
            "13-02-2024 08:10|4|7=4|12=10", // rapid and long insulin in one row
            "13-02-2024 08:20|6|13=Walked the dog",
            "13-02-2024 08:30|5|8=1", // "1" only flags a food entry: nothing to store
            "13-02-2024 08:40|6"); // an empty device-event row

        Assert.Equal(
            [
                new NoteInput(At0800, NoteKind.Carbohydrates, 45, "Pasta"),
                new NoteInput(At0800.AddMinutes(10), NoteKind.RapidActingInsulin, 4, null),
                new NoteInput(At0800.AddMinutes(10), NoteKind.LongActingInsulin, 10, null),
                new NoteInput(At0800.AddMinutes(20), NoteKind.Note, null, "Walked the dog"),
            ],
            plan.Notes);
        Assert.Empty(plan.Readings);
    }

    [Fact]
    public void Servings_without_grams_are_kept_as_a_text_note_and_never_turned_into_grams()
    {
        var plan = PlanOf("13-02-2024 08:00|5|10=2", "13-02-2024 09:00|5|10=1|8=Toast", "13-02-2024 10:00|5|9=30|10=2");

        Assert.Equal(
            [
                new NoteInput(At0800, NoteKind.Note, null, "carbohydrates: 2 servings"),
                new NoteInput(At0800.AddHours(1), NoteKind.Note, null, "carbohydrates: 1 serving (Toast)"),
                new NoteInput(At0800.AddHours(2), NoteKind.Carbohydrates, 30, null), // grams win when both are given
            ],
            plan.Notes);
        Assert.Equal(2, plan.ServingsOnlyFoodEntries);
        Assert.Contains(plan.Remarks, r => r.StartsWith("2 food entries in servings without grams kept as text notes", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_of_one_kind_at_the_same_time_are_combined_because_the_store_keeps_one()
    {
        var plan = PlanOf(
            "13-02-2024 08:00|4|7=4",
            "13-02-2024 08:00|4|7=2",
            "13-02-2024 08:00|5|9=20",
            "13-02-2024 08:00|5|9=15|8=Apple",
            "13-02-2024 08:00|6|13=Before run",
            "13-02-2024 08:00|5|8=Biscuit");

        Assert.Equal(
            [
                new NoteInput(At0800, NoteKind.RapidActingInsulin, 6, null),
                new NoteInput(At0800, NoteKind.Carbohydrates, 35, "Apple"),
                new NoteInput(At0800, NoteKind.Note, null, "Before run; food: Biscuit"),
            ],
            plan.Notes);
        Assert.Equal(3, plan.CombinedNoteEntries);
    }

    [Fact]
    public void A_refused_export_plans_nothing()
    {
        var plan = CsvImportPlan.From(LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes("name,email\r\nAda,ada@example.org\r\n")));

        Assert.True(plan.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public void Every_historic_row_of_the_real_exports_is_planned_as_an_automatic_reading(string fileName)
    {
        var export = RealExports.Named(fileName);

        var plan = CsvImportPlan.From(LibreViewCsvParser.ParseFile(export.Path));

        Assert.Equal(export.RowsPerRecordType[0], plan.AutomaticReadings);
        Assert.Equal(export.RowsPerRecordType[1], plan.ScanReadings + plan.DuplicateReadings);
        Assert.Equal(0, plan.StripReadingsLeftOut + plan.KetoneReadingsLeftOut);
    }

    private static CsvImportPlan PlanOf(params string[] rows)
    {
        var export = LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(ExportText.CurrentMgdl(rows)));
        Assert.True(export.Succeeded, export.Error);
        Assert.Empty(export.RejectedRows);
        return CsvImportPlan.From(export);
    }
}
