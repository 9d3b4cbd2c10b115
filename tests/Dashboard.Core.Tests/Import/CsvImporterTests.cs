using System.Text;
using Dashboard.Core.Glucose.Import;
using Dashboard.Core.Glucose.Store;
using LibreView.Csv;
using LibreView.Tests.Csv;

namespace Dashboard.Core.Tests.Import;

/// <summary>The import into a real SQLite store: what lands, idempotence, team scoping, and bad files storing nothing.</summary>
public sealed class CsvImporterTests : IAsyncLifetime
{
    private ImportStore _store = null!;
    private Guid _teamId;
    private Guid _userId;

    public async Task InitializeAsync()
    {
        _store = await ImportStore.CreateAsync();
        _teamId = (await _store.AddTeamAsync("Clinic A")).Id;
        _userId = await _store.AddUserAsync(_teamId, "patient-1");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public async Task A_real_export_lands_as_the_patients_csv_import_data_on_floating_time(string fileName)
    {
        var real = RealExports.Named(fileName);
        var export = LibreViewCsvParser.ParseFile(real.Path);
        var plan = CsvImportPlan.From(export);

        var result = await Importer.ImportAsync(_teamId, _userId, export);

        Assert.Equal(CsvImportOutcome.Imported, result.Outcome);
        Assert.StartsWith($"Imported {real.RowsPerRecordType[0]} automatic readings, {plan.ScanReadings} scans and {plan.Notes.Count} notes", result.Message);
        var readings = await _store.ReadingsAsync(_userId);
        Assert.Equal(real.RowsPerRecordType[0], readings.Count(r => r.Kind == ReadingKind.Automatic));
        Assert.Equal(plan.ScanReadings, readings.Count(r => r.Kind == ReadingKind.ManualScan));
        Assert.All(readings, r => Assert.Equal((DataSources.CsvImport, (Guid?)null), (r.Source, r.ConnectionId)));

        // Floating time: the wall clock of the file, never shifted; the measured value and unit kept.
        var firstHistoric = export.Readings.First(r => r.RecordType == RecordType.Historic);
        var stored = readings.Single(r => r.Kind == ReadingKind.Automatic && r.Timestamp == firstHistoric.Timestamp);
        Assert.Equal(DateTimeKind.Unspecified, stored.Timestamp.Kind);
        Assert.Equal(firstHistoric.Value, stored.MeasuredValue);
        Assert.Equal(firstHistoric.Value * 18.0182, stored.ValueMgdl, 9);

        var notes = await _store.NotesAsync(_userId);
        Assert.Equal(plan.Notes.Count, notes.Count);
        foreach (var kind in Enum.GetValues<NoteKind>()) Assert.Equal(plan.NotesOf(kind), notes.Count(n => n.Kind == kind));
    }

    [Theory]
    [MemberData(nameof(RealExports.FileNames), MemberType = typeof(RealExports))]
    public async Task Importing_the_same_file_twice_changes_nothing(string fileName)
    {
        var export = LibreViewCsvParser.ParseFile(RealExports.Named(fileName).Path);
        await Importer.ImportAsync(_teamId, _userId, export);
        var counts = await _store.CountsAsync();
        var readings = await _store.ReadingsAsync(_userId);
        var notes = await _store.NotesAsync(_userId);

        var again = await Importer.ImportAsync(_teamId, _userId, export);

        Assert.True(again.Succeeded);
        Assert.Equal(counts, await _store.CountsAsync());
        Assert.Equal(Rows(readings), Rows(await _store.ReadingsAsync(_userId)));
        Assert.Equal(Notes(notes), Notes(await _store.NotesAsync(_userId)));
    }

    [Fact]
    public async Task A_patient_of_another_team_is_not_found_and_nothing_is_stored()
    {
        var otherTeam = (await _store.AddTeamAsync("Clinic B")).Id;
        var export = LibreViewCsvParser.ParseFile(RealExports.Martynk.Path);

        var wrongTeam = await Importer.ImportAsync(otherTeam, _userId, export);
        var noSuchUser = await Importer.ImportAsync(_teamId, Guid.NewGuid(), export);

        Assert.Equal(CsvImportOutcome.UserNotFound, wrongTeam.Outcome);
        Assert.Equal(CsvImportOutcome.UserNotFound, noSuchUser.Outcome);
        Assert.Contains("nothing was stored", wrongTeam.Message);
        Assert.Equal((1, 0, 0), await _store.CountsAsync());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "not-an-export", "not a LibreView Glucose Data export" },
        { "wrong-encoding", "the file is binary, not UTF-8 or UTF-16 text" },
        { "truncated", "the file is truncated: it ends inside the row at line" },
        { "noise-over-50-MB", "the file is larger than 50 MB" },
        { "strips-only", "nothing to import" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_gets_a_clear_message_and_stores_nothing(string kind, string message)
    {
        var export = await BadFileAsync(kind);

        var result = await Importer.ImportAsync(_teamId, _userId, export);

        Assert.Equal(CsvImportOutcome.FileRefused, result.Outcome);
        Assert.StartsWith(message, result.Message);
        Assert.EndsWith("; nothing was stored", result.Message);
        Assert.Equal((1, 0, 0), await _store.CountsAsync());
    }

    private CsvImporter Importer => _store.Get<CsvImporter>();

    private static async Task<LibreViewCsvParseResult> BadFileAsync(string kind)
    {
        var real = await File.ReadAllTextAsync(RealExports.Warren.Path);
        switch (kind)
        {
            case "not-an-export":
                return LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes("name,email\r\nAda,ada@example.org\r\n"));
            case "wrong-encoding":
                return LibreViewCsvParser.Parse(Encoding.UTF32.GetBytes(real));
            case "truncated":
                var bytes = Encoding.UTF8.GetBytes(real);
                return LibreViewCsvParser.Parse(bytes.AsSpan(0, bytes.Length / 2 + 7));
            case "noise-over-50-MB":
                var noise = new byte[LibreViewCsvParser.MaxFileBytes + 1024];
                new Random(7).NextBytes(noise);
                return await CsvExportUpload.ParseAsync(new MemoryStream(noise));
            default:
                return LibreViewCsvParser.Parse(Encoding.UTF8.GetBytes(ExportText.CurrentMgdl("13-02-2024 08:05|2|14=95")));
        }
    }

    private static List<(DateTime, ReadingKind, double, double, string?, string)> Rows(List<StoredReading> readings) =>
        [.. readings.Select(r => (r.Timestamp, r.Kind, r.MeasuredValue, r.ValueMgdl, r.DeviceSerial, r.Source))];

    private static List<(DateTime, NoteKind, double?, string?, string)> Notes(List<StoredNote> notes) =>
        [.. notes.Select(n => (n.Timestamp, n.Kind, n.Amount, n.Text, n.Source))];
}
