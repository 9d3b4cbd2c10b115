using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Sqlite;
using Dashboard.Core.Tests.Import;
using Dashboard.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage.Sqlite;

/// <summary>
/// A streamed write (a LibreView pull) commits without waiting for the disk and without checkpointing the log itself
/// (<see cref="SqliteCommitMode.DurableWithNextCommit"/>): the log is copied into the database file in the background,
/// and the connection it used commits durably again for its next user.
/// </summary>
public sealed class StreamedWriteDurabilityTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2026, 10, 25, 0, 0, 0, DateTimeKind.Unspecified);

    private ImportStore _store = null!;

    public async Task InitializeAsync() => _store = await ImportStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task After_a_streamed_write_the_database_file_itself_holds_the_rows_once_the_background_checkpoint_is_done()
    {
        var user = await _store.AddUserAsync((await _store.AddTeamAsync("Checkpoints")).Id, "checkpoint-1");
        await using (var rows = _store.Get<ReadingWriter>().Begin(user, null, DataSources.LibreView))
        {
            for (var day = 0; day < 14; day++)
            {
                rows.Add(Enumerable.Range(0, 288).Select(i => new ReadingInput(Day.AddDays(day).AddMinutes(5 * i), ReadingKind.Automatic, 100 + i % 40, GlucoseUnit.MgPerDl)).ToList(), []);
            }
            await rows.CommitAsync();
        }

        await _store.Get<SqliteCheckpoints>().WhenIdleAsync();

        // The database file alone, without its log: only a checkpoint puts committed rows there.
        var copy = Path.Combine(Path.GetDirectoryName(_store.Path)!, "file-alone.db");
        File.Copy(_store.Path, copy);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Readings";
        Assert.Equal(14 * 288L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_connection_a_streamed_write_used_commits_durably_and_checkpoints_again_for_its_next_user()
    {
        var user = await _store.AddUserAsync((await _store.AddTeamAsync("Pool")).Id, "pool-1");
        await using (var rows = _store.Get<ReadingWriter>().Begin(user, null, DataSources.LibreView))
        {
            rows.Add([new ReadingInput(Day, ReadingKind.Automatic, 120, GlucoseUnit.MgPerDl)], []);
            await rows.CommitAsync();
        }

        await using var db = await _store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        async Task<long> PragmaAsync(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        Assert.Equal(2L, await PragmaAsync("synchronous")); // FULL
        Assert.Equal(1000L, await PragmaAsync("wal_autocheckpoint"));
    }
}
