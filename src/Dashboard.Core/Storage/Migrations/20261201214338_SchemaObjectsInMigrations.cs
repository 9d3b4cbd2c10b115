using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
{
    /// <summary>
    /// The schema objects EF's model does not describe — the audit log's append-only triggers and the patient search
    /// index (FTS5 trigram table and the triggers that keep it) — now come with the migrations instead of start-up
    /// code. Stores that start-up code already gave them get them again, the same: the index is rebuilt from what
    /// is stored.
    /// </summary>
    public partial class SchemaObjectsInMigrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS AuditLog_NoUpdate BEFORE UPDATE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS AuditLog_NoDelete BEFORE DELETE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """);

            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS PatientSearch;
                CREATE VIRTUAL TABLE PatientSearch USING fts5(UserId UNINDEXED, ConnectionId UNINDEXED, Text, tokenize = 'trigram');
                INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT Id, NULL, ClientUserId FROM Users;
                INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT UserId, Id, ExternalUserId FROM Connections WHERE ExternalUserId IS NOT NULL;
                """);

            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS PatientSearch_UserInsert;
                DROP TRIGGER IF EXISTS PatientSearch_UserUpdate;
                DROP TRIGGER IF EXISTS PatientSearch_UserDelete;
                DROP TRIGGER IF EXISTS PatientSearch_ConnectionInsert;
                DROP TRIGGER IF EXISTS PatientSearch_ConnectionUpdate;
                DROP TRIGGER IF EXISTS PatientSearch_ConnectionDelete;
                CREATE TRIGGER PatientSearch_UserInsert AFTER INSERT ON Users BEGIN
                    INSERT INTO PatientSearch (UserId, ConnectionId, Text) VALUES (new.Id, NULL, new.ClientUserId); END;
                CREATE TRIGGER PatientSearch_UserUpdate AFTER UPDATE OF ClientUserId ON Users BEGIN
                    DELETE FROM PatientSearch WHERE UserId = old.Id AND ConnectionId IS NULL;
                    INSERT INTO PatientSearch (UserId, ConnectionId, Text) VALUES (new.Id, NULL, new.ClientUserId); END;
                CREATE TRIGGER PatientSearch_UserDelete AFTER DELETE ON Users BEGIN
                    DELETE FROM PatientSearch WHERE UserId = old.Id; END;
                CREATE TRIGGER PatientSearch_ConnectionInsert AFTER INSERT ON Connections WHEN new.ExternalUserId IS NOT NULL BEGIN
                    INSERT INTO PatientSearch (UserId, ConnectionId, Text) VALUES (new.UserId, new.Id, new.ExternalUserId); END;
                CREATE TRIGGER PatientSearch_ConnectionUpdate AFTER UPDATE OF ExternalUserId ON Connections BEGIN
                    DELETE FROM PatientSearch WHERE ConnectionId = old.Id;
                    INSERT INTO PatientSearch (UserId, ConnectionId, Text) SELECT new.UserId, new.Id, new.ExternalUserId WHERE new.ExternalUserId IS NOT NULL; END;
                CREATE TRIGGER PatientSearch_ConnectionDelete AFTER DELETE ON Connections BEGIN
                    DELETE FROM PatientSearch WHERE ConnectionId = old.Id; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS PatientSearch_UserInsert;
                DROP TRIGGER IF EXISTS PatientSearch_UserUpdate;
                DROP TRIGGER IF EXISTS PatientSearch_UserDelete;
                DROP TRIGGER IF EXISTS PatientSearch_ConnectionInsert;
                DROP TRIGGER IF EXISTS PatientSearch_ConnectionUpdate;
                DROP TRIGGER IF EXISTS PatientSearch_ConnectionDelete;
                DROP TABLE IF EXISTS PatientSearch;
                DROP TRIGGER IF EXISTS AuditLog_NoUpdate;
                DROP TRIGGER IF EXISTS AuditLog_NoDelete;
                """);
        }
    }
}
