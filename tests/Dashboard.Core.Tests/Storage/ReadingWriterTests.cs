using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Audit;
using Dashboard.Core.Tests.Import;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage;

/// <summary>The engine's bulk reading writer: idempotent upserts on (user, timestamp, kind), whatever the batch holds.</summary>
public sealed class ReadingWriterTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2026, 10, 25, 0, 0, 0, DateTimeKind.Unspecified);

    private ImportStore _store = null!;

    public async Task InitializeAsync() => _store = await ImportStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Writing_the_same_data_again_changes_nothing_and_a_changed_value_updates_in_place()
    {
        var team = await _store.AddTeamAsync("Writers");
        var user = await _store.AddUserAsync(team.Id, "writer-1");
        var writer = _store.Get<ReadingWriter>();
        var readings = Enumerable.Range(0, 288).Select(i => new ReadingInput(Day.AddMinutes(5 * i), ReadingKind.Automatic, 100 + i % 50, GlucoseUnit.MgPerDl, "SERIAL-1")).ToList();
        var notes = new List<NoteInput> { new(Day.AddHours(8), NoteKind.Carbohydrates, 45, null), new(Day.AddHours(9), NoteKind.Note, null, "walk") };

        var first = await writer.WriteAsync(user, null, DataSources.CsvImport, readings, notes);
        await writer.WriteAsync(user, null, DataSources.CsvImport, readings, notes);
        readings[10] = readings[10] with { MeasuredValue = 7.0, MeasuredUnit = GlucoseUnit.MmolPerL };
        await writer.WriteAsync(user, null, DataSources.CsvImport, [readings[10]], []);

        var counts = await _store.CountsAsync();
        Assert.Equal((288, 2), (counts.Readings, counts.Notes));
        Assert.Equal([DateOnly.FromDateTime(Day)], first.DaysTouched);
        Assert.Equal(Day.AddMinutes(5 * 287), first.LastReading);
        var changed = (await _store.ReadingsAsync(user)).Single(r => r.Timestamp == Day.AddMinutes(50));
        Assert.Equal((7.0, GlucoseUnit.MmolPerL), (changed.MeasuredValue, changed.MeasuredUnit));
        Assert.Equal(GlucoseUnits.ToMgPerDl(7.0, GlucoseUnit.MmolPerL), changed.ValueMgdl, 6);
        Assert.Equal(DateTimeKind.Unspecified, changed.Timestamp.Kind);
        Assert.Equal("walk", (await _store.NotesAsync(user)).Single(n => n.Kind == NoteKind.Note).Text);
    }

    [Fact]
    public async Task A_batch_that_repeats_a_key_keeps_its_last_row()
    {
        var team = await _store.AddTeamAsync("Repeats");
        var user = await _store.AddUserAsync(team.Id, "writer-2");
        var at = Day.AddHours(1);

        await _store.Get<ReadingWriter>().WriteAsync(user, null, DataSources.LibreView,
            [new(at, ReadingKind.Automatic, 90, GlucoseUnit.MgPerDl), new(at, ReadingKind.ManualScan, 95, GlucoseUnit.MgPerDl), new(at, ReadingKind.Automatic, 120, GlucoseUnit.MgPerDl)],
            [new(at, NoteKind.Note, null, "first"), new(at, NoteKind.Note, null, "second")]);

        var stored = await _store.ReadingsAsync(user);
        Assert.Equal([(ReadingKind.Automatic, 120.0), (ReadingKind.ManualScan, 95.0)], stored.OrderBy(r => r.Kind).Select(r => (r.Kind, r.MeasuredValue)));
        Assert.Equal("second", Assert.Single(await _store.NotesAsync(user)).Text);
    }

    [Fact]
    public async Task A_streamed_write_commits_all_its_pieces_at_once_with_later_pieces_winning_and_the_summaries_rewritten()
    {
        var team = await _store.AddTeamAsync("Streamed");
        var user = await _store.AddUserAsync(team.Id, "writer-4");
        // Three days of 100 readings each: pieces that end part-way through a statement of 64 rows.
        List<ReadingInput> DayOf(int d, double value) =>
            Enumerable.Range(0, 100).Select(i => new ReadingInput(Day.AddDays(d).AddMinutes(14 * i), ReadingKind.Automatic, value, GlucoseUnit.MgPerDl)).ToList();

        WriteSummary summary;
        await using (var rows = _store.Get<ReadingWriter>().Begin(user, null, DataSources.LibreView))
        {
            rows.Add(DayOf(0, 100), [new(Day.AddHours(8), NoteKind.Carbohydrates, 30, null)]);
            rows.Add(DayOf(1, 110), []);
            rows.Add(DayOf(2, 120), [new(Day.AddHours(8), NoteKind.Carbohydrates, 45, null)]);
            rows.Add([new(Day.AddDays(1), ReadingKind.Automatic, 222, GlucoseUnit.MgPerDl)], []);
            var before = await _store.CountsAsync();
            Assert.Equal((0, 0), (before.Readings, before.Notes)); // nothing is visible before the commit
            summary = await rows.CommitAsync();
        }

        var stored = await _store.ReadingsAsync(user);
        Assert.Equal(300, stored.Count);
        Assert.Equal(222, stored.Single(r => r.Timestamp == Day.AddDays(1)).MeasuredValue);
        Assert.Equal(45, Assert.Single(await _store.NotesAsync(user)).Amount);
        Assert.Equal([DateOnly.FromDateTime(Day), DateOnly.FromDateTime(Day.AddDays(1)), DateOnly.FromDateTime(Day.AddDays(2))], summary.DaysTouched);
        Assert.Equal(Day.AddDays(2).AddMinutes(14 * 99), summary.LastReading);
        await using var db = await _store.NewContextAsync();
        var twoWeeks = await db.PatientSummaries.SingleAsync(s => s.UserId == user && s.Days == 14);
        Assert.Equal(300, twoWeeks.Readings);
    }

    [Fact]
    public async Task A_streamed_write_dropped_without_a_commit_stores_nothing_and_leaves_the_store_writable()
    {
        var team = await _store.AddTeamAsync("Dropped");
        var user = await _store.AddUserAsync(team.Id, "writer-5");
        var writer = _store.Get<ReadingWriter>();
        var readings = Enumerable.Range(0, 500).Select(i => new ReadingInput(Day.AddMinutes(5 * i), ReadingKind.Automatic, 140, GlucoseUnit.MgPerDl)).ToList();

        await using (var rows = writer.Begin(user, null, DataSources.LibreView))
        {
            rows.Add(readings[..250], []);
            rows.Add(readings[250..], [new(Day, NoteKind.Note, null, "lost")]);
        }

        var dropped = await _store.CountsAsync();
        Assert.Equal((0, 0), (dropped.Readings, dropped.Notes));
        await writer.WriteAsync(user, null, DataSources.LibreView, readings, []); // the write lock was given back
        Assert.Equal(500, (await _store.CountsAsync()).Readings);
    }

    [Fact]
    public async Task What_is_written_alongside_commits_with_the_rows_and_when_it_fails_neither_is_stored()
    {
        var team = await _store.AddTeamAsync("Alongside");
        var user = await _store.AddUserAsync(team.Id, "writer-3");
        var writer = _store.Get<ReadingWriter>();
        var readings = Enumerable.Range(0, 96).Select(i => new ReadingInput(Day.AddMinutes(15 * i), ReadingKind.Automatic, 110, GlucoseUnit.MgPerDl)).ToList();
        AuditEntry Entry(string details) => new() { At = DateTime.UtcNow, Actor = "cli", ActorRole = AuditActor.CommandLineRole, Action = AuditActions.ImportCsv, UserId = user, Details = details };

        await writer.WriteAsync(user, null, DataSources.CsvImport, readings, [], alongside: (db, _) =>
        {
            db.AuditEntries.Add(Entry("first import"));
            return Task.CompletedTask;
        });

        // A second write whose companion row breaks a unique index (the same client id twice in the team).
        var next = readings.Select(r => r with { Timestamp = r.Timestamp.AddDays(1) }).ToList();
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => writer.WriteAsync(user, null, DataSources.CsvImport, next, [], alongside: (db, _) =>
        {
            db.AuditEntries.Add(Entry("second import"));
            db.Users.Add(new User { TeamId = team.Id, ClientUserId = "writer-3", CreatedAt = DateTime.UtcNow });
            return Task.CompletedTask;
        }));

        await using var check = await _store.NewContextAsync();
        Assert.Equal(["first import"], await check.AuditEntries.Where(e => e.UserId == user).Select(e => e.Details!).ToListAsync());
        Assert.Equal(96, (await _store.CountsAsync()).Readings);
    }
}
