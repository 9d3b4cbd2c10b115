using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage.Sqlite;

/// <summary>
/// Readings and notes that earlier purges left behind go at the upgrade; every row of an existing patient is kept as it was.
/// </summary>
public sealed class OrphanedReadingsUpgradeTests
{
    private const string LastMigrationBefore = "20261203062316_Triage_SummaryClientIds";

    private const string StoredSql = """
        INSERT INTO Organizations (Id, Name, Plan, CreatedAt) VALUES ('0A000000-0000-0000-0000-000000000001', 'Clinic', 'launch', '2026-11-01 00:00:00');
        INSERT INTO Teams (Id, OrganizationId, Name, Environment, DeploymentRegion, CreatedAt, RejectDuplicateConnection)
            VALUES ('0B000000-0000-0000-0000-000000000001', '0A000000-0000-0000-0000-000000000001', 'Team', 'sandbox', 'us', '2026-11-01 00:00:00', 1);
        INSERT INTO Users (Id, TeamId, ClientUserId, CreatedAt)
            VALUES ('0C000000-0000-0000-0000-000000000001', '0B000000-0000-0000-0000-000000000001', 'kept-patient', '2026-11-01 00:00:00');
        INSERT INTO Readings (UserId, ConnectionId, Timestamp, Kind, ValueMgdl, MeasuredValue, MeasuredUnit, DeviceSerial, Source) VALUES
            ('0C000000-0000-0000-0000-000000000001', '0D000000-0000-0000-0000-000000000001', 638999712000000000, 0, 108.1092, 6.0, 1, 'MH00KEPT', 'libreview'),
            ('0C000000-0000-0000-0000-000000000001', NULL, 638999721000000000, 1, 150.0, 150.0, 0, NULL, 'csv_import'),
            ('0C000000-0000-0000-0000-000000000009', NULL, 638999712000000000, 0, 99.0, 99.0, 0, NULL, 'libreview');
        INSERT INTO Notes (UserId, ConnectionId, Timestamp, Kind, Amount, Text, Source) VALUES
            ('0C000000-0000-0000-0000-000000000001', NULL, 638999712000000000, 1, 45.0, NULL, 'libreview'),
            ('0C000000-0000-0000-0000-000000000009', NULL, 638999712000000000, 0, NULL, 'orphan', 'libreview');
        """;

    [Fact]
    public async Task A_patients_rows_are_kept_and_rows_of_purged_patients_go()
    {
        await using var earlier = await EarlierStore.CreateAsync(LastMigrationBefore, StoredSql);

        await using var upgraded = new DashboardDbContext(earlier.Options);
        await upgraded.Database.MigrateAsync();

        var kept = Guid.Parse("0C000000-0000-0000-0000-000000000001");
        var readings = await upgraded.Readings.AsNoTracking().OrderBy(r => r.Timestamp).ToListAsync();
        Assert.All(readings, r => Assert.Equal(kept, r.UserId));
        Assert.Equal(
            [(ReadingKind.Automatic, 108.1092, 6.0, "MH00KEPT", DataSources.LibreView), (ReadingKind.ManualScan, 150.0, 150.0, null, DataSources.CsvImport)],
            readings.Select(r => (r.Kind, r.ValueMgdl, r.MeasuredValue, r.DeviceSerial, r.Source)));
        Assert.Equal(Guid.Parse("0D000000-0000-0000-0000-000000000001"), readings[0].ConnectionId);
        var note = Assert.Single(await upgraded.Notes.AsNoTracking().ToListAsync());
        Assert.Equal((kept, NoteKind.Carbohydrates, 45.0), (note.UserId, note.Kind, note.Amount!.Value));
    }
}
