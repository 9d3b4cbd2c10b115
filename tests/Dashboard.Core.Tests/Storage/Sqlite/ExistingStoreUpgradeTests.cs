using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage.Sqlite;

/// <summary>
/// A SQLite store made before the schema objects moved into migrations (its search index and audit triggers made
/// by start-up code) upgrades in place: the chain is unchanged, the index is rebuilt from what is stored.
/// </summary>
public sealed class ExistingStoreUpgradeTests
{
    private const string LastMigrationBeforeTheMove = "20261125101140_PatientListIndexes";

    // A patient as that schema stored it, then what start-up code used to run on every start.
    private const string OldStoreSql = """
        INSERT INTO Organizations (Id, Name, Plan, CreatedAt) VALUES ('0A000000-0000-0000-0000-000000000001', 'Old Clinic', 'launch', '2026-11-01 00:00:00');
        INSERT INTO Teams (Id, OrganizationId, Name, Environment, DeploymentRegion, CreatedAt, RejectDuplicateConnection)
            VALUES ('0B000000-0000-0000-0000-000000000001', '0A000000-0000-0000-0000-000000000001', 'Old team', 'sandbox', 'us', '2026-11-01 00:00:00', 1);
        INSERT INTO Users (Id, TeamId, ClientUserId, CreatedAt)
            VALUES ('0C000000-0000-0000-0000-000000000001', '0B000000-0000-0000-0000-000000000001', 'legacy-patient-0042', '2026-11-01 00:00:00');
        CREATE TRIGGER IF NOT EXISTS AuditLog_NoUpdate BEFORE UPDATE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS AuditLog_NoDelete BEFORE DELETE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE VIRTUAL TABLE PatientSearch USING fts5(UserId UNINDEXED, ConnectionId UNINDEXED, Text, tokenize = 'trigram');
        INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT Id, NULL, ClientUserId FROM Users;
        """;

    [Fact]
    public async Task A_store_from_before_the_move_keeps_its_patients_findable_and_its_audit_log_append_only()
    {
        await using var earlier = await EarlierStore.CreateAsync(LastMigrationBeforeTheMove, OldStoreSql);
        var teamId = Guid.Parse("0B000000-0000-0000-0000-000000000001");

        await using var upgraded = new DashboardDbContext(earlier.Options);
        await upgraded.Database.MigrateAsync();

        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        var search = new Dashboard.Core.Storage.Sqlite.SqlitePatientSearch();
        Assert.Single(await search.Matching(upgraded, "patient-0042").ToListAsync());
        upgraded.Users.Add(new User { TeamId = teamId, ClientUserId = "after-upgrade-7" });
        await upgraded.SaveChangesAsync();
        Assert.Single(await search.Matching(upgraded, "upgrade").ToListAsync());
        upgraded.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Actor = "a@example.org", ActorRole = ConsoleRoles.Admin, Action = "test" });
        await upgraded.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => upgraded.AuditEntries.ExecuteDeleteAsync());
    }
}
