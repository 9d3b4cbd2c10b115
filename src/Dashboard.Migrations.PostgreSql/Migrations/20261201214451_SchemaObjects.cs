using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// The schema objects EF's model does not describe, PostgreSQL's twins of SQLite's: the audit log refuses UPDATE,
    /// DELETE and TRUNCATE; patient search by substring is answered by pg_trgm GIN indexes (a trusted extension, so
    /// the database owner may create it).
    /// </summary>
    public partial class SchemaObjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit log is append-only';
                END $$;
                CREATE TRIGGER "AuditLog_NoUpdateOrDelete" BEFORE UPDATE OR DELETE ON "AuditLog"
                    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
                CREATE TRIGGER "AuditLog_NoTruncate" BEFORE TRUNCATE ON "AuditLog"
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
                """);

            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_Users_ClientUserId_Trigram" ON "Users" USING gin ("ClientUserId" gin_trgm_ops);
                CREATE INDEX "IX_Connections_ExternalUserId_Trigram" ON "Connections" USING gin ("ExternalUserId" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Connections_ExternalUserId_Trigram";
                DROP INDEX IF EXISTS "IX_Users_ClientUserId_Trigram";
                DROP TRIGGER IF EXISTS "AuditLog_NoTruncate" ON "AuditLog";
                DROP TRIGGER IF EXISTS "AuditLog_NoUpdateOrDelete" ON "AuditLog";
                DROP FUNCTION IF EXISTS audit_log_refuse_change();
                """);
        }
    }
}
