using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage.Sqlite;

/// <summary>
/// Triage summaries stored before they carried the patient's client id upgrade in place: each row takes its patient's
/// id, and a deleted patient's rows go (triage reads the summaries alone since then).
/// </summary>
public sealed class SummaryClientIdUpgradeTests
{
    private const string LastMigrationBefore = "20261202160610_Invite_InvitationsAndNotifications";

    private const string StoredSql = """
        INSERT INTO Organizations (Id, Name, Plan, CreatedAt) VALUES ('0A000000-0000-0000-0000-000000000001', 'Clinic', 'launch', '2026-11-01 00:00:00');
        INSERT INTO Teams (Id, OrganizationId, Name, Environment, DeploymentRegion, CreatedAt, RejectDuplicateConnection)
            VALUES ('0B000000-0000-0000-0000-000000000001', '0A000000-0000-0000-0000-000000000001', 'Team', 'sandbox', 'us', '2026-11-01 00:00:00', 1);
        INSERT INTO Users (Id, TeamId, ClientUserId, CreatedAt)
            VALUES ('0C000000-0000-0000-0000-000000000001', '0B000000-0000-0000-0000-000000000001', 'kept-patient', '2026-11-01 00:00:00');
        INSERT INTO Users (Id, TeamId, ClientUserId, CreatedAt, DeletedAt)
            VALUES ('0C000000-0000-0000-0000-000000000002', '0B000000-0000-0000-0000-000000000001', 'deleted-patient', '2026-11-01 00:00:00', '2026-11-20 00:00:00');
        INSERT INTO PatientSummaries (UserId, Days, TeamId, Readings, UrgencyGri, VeryLowOver1, LowOver4, InRangeUnder70, InRangeDropped15,
                ActiveUnder70, GriZoneDOrE, MeetingTargets, ComputedAt)
            SELECT u.Id, d.Days, u.TeamId, 0, 0, 0, 0, 0, 0, 0, 0, 0, '2026-11-02 00:00:00'
            FROM Users AS u CROSS JOIN (SELECT 7 AS Days UNION ALL SELECT 14 UNION ALL SELECT 30) AS d;
        """;

    [Fact]
    public async Task Stored_summaries_take_their_patients_client_id_and_a_deleted_patients_rows_go()
    {
        await using var earlier = await EarlierStore.CreateAsync(LastMigrationBefore, StoredSql);

        await using var upgraded = new DashboardDbContext(earlier.Options);
        await upgraded.Database.MigrateAsync();

        var rows = await upgraded.PatientSummaries.AsNoTracking().OrderBy(s => s.Days).Select(s => new { s.ClientUserId, s.Days }).ToListAsync();
        Assert.Equal([("kept-patient", 7), ("kept-patient", 14), ("kept-patient", 30)], rows.Select(r => (r.ClientUserId, r.Days)));
    }
}
