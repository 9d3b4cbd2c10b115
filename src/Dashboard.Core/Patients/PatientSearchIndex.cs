using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Patients;

/// <summary>
/// A trigram full-text index over the ids staff search the patient list by (client user id, LibreView id), so a
/// substring search does not scan every patient. SQLite FTS5, kept by triggers on Users and Connections, so every
/// write path — the app, the command line, raw bulk loads — keeps it right.
/// </summary>
public static class PatientSearchIndex
{
    /// <summary>Trigram matching needs at least this many characters; shorter searches scan.</summary>
    public const int MinimumLength = 3;

    private const string Create = """
        CREATE VIRTUAL TABLE PatientSearch USING fts5(UserId UNINDEXED, ConnectionId UNINDEXED, Text, tokenize = 'trigram');
        INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT Id, NULL, ClientUserId FROM Users;
        INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT UserId, Id, ExternalUserId FROM Connections WHERE ExternalUserId IS NOT NULL;
        """;

    private const string Triggers = """
        CREATE TRIGGER IF NOT EXISTS PatientSearch_UserInsert AFTER INSERT ON Users BEGIN
            INSERT INTO PatientSearch (UserId, ConnectionId, Text) VALUES (new.Id, NULL, new.ClientUserId); END;
        CREATE TRIGGER IF NOT EXISTS PatientSearch_UserUpdate AFTER UPDATE OF ClientUserId ON Users BEGIN
            DELETE FROM PatientSearch WHERE UserId = old.Id AND ConnectionId IS NULL;
            INSERT INTO PatientSearch (UserId, ConnectionId, Text) VALUES (new.Id, NULL, new.ClientUserId); END;
        CREATE TRIGGER IF NOT EXISTS PatientSearch_UserDelete AFTER DELETE ON Users BEGIN
            DELETE FROM PatientSearch WHERE UserId = old.Id; END;
        CREATE TRIGGER IF NOT EXISTS PatientSearch_ConnectionInsert AFTER INSERT ON Connections WHEN new.ExternalUserId IS NOT NULL BEGIN
            INSERT INTO PatientSearch (UserId, ConnectionId, Text) VALUES (new.UserId, new.Id, new.ExternalUserId); END;
        CREATE TRIGGER IF NOT EXISTS PatientSearch_ConnectionUpdate AFTER UPDATE OF ExternalUserId ON Connections BEGIN
            DELETE FROM PatientSearch WHERE ConnectionId = old.Id;
            INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT new.UserId, new.Id, new.ExternalUserId WHERE new.ExternalUserId IS NOT NULL; END;
        CREATE TRIGGER IF NOT EXISTS PatientSearch_ConnectionDelete AFTER DELETE ON Connections BEGIN
            DELETE FROM PatientSearch WHERE ConnectionId = old.Id; END;
        """;

    /// <summary>Creates the index (filled from what is stored) the first time, and its triggers.</summary>
    public static async Task EnsureAsync(DashboardDbContext db, CancellationToken ct)
    {
        var exists = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = 'PatientSearch'")
            .SingleAsync(ct);
        if (exists == 0)
        {
            await db.Database.ExecuteSqlRawAsync(Create, ct);
        }
        await db.Database.ExecuteSqlRawAsync(Triggers, ct);
    }

    /// <summary>The users whose client or LibreView id contains <paramref name="text"/> (case-insensitive), as a subquery.</summary>
    internal static IQueryable<Guid> Matching(DashboardDbContext db, string text)
    {
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<Guid>($"SELECT UserId AS Value FROM PatientSearch WHERE Text MATCH {phrase}");
    }
}
