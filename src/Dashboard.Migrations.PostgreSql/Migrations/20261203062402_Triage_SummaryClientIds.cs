using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Triage_SummaryClientIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PatientSummaries_Counts",
                table: "PatientSummaries");

            migrationBuilder.DropIndex(
                name: "IX_PatientSummaries_Days_VeryLowOver1_UrgencyGri",
                table: "PatientSummaries");

            migrationBuilder.AddColumn<string>(
                name: "ClientUserId",
                table: "PatientSummaries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Existing rows take their patient's client id, and a deleted patient's rows go: triage reads the summaries alone now.
            migrationBuilder.Sql("""
                UPDATE "PatientSummaries" SET "ClientUserId" = (SELECT u."ClientUserId" FROM "Users" AS u WHERE u."Id" = "PatientSummaries"."UserId")
                """);
            migrationBuilder.Sql("""
                DELETE FROM "PatientSummaries" WHERE "UserId" IN (SELECT u."Id" FROM "Users" AS u WHERE u."DeletedAt" IS NOT NULL)
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PatientSummaries_Counts",
                table: "PatientSummaries",
                columns: new[] { "Days", "TeamId", "Last", "VeryLowOver1", "LowOver4", "InRangeUnder70", "InRangeDropped15", "ActiveUnder70", "GriZoneDOrE", "MeetingTargets", "Gri", "TimeInRangePercent", "TimeVeryLowPercent", "TimeLowPercent", "ActivePercent", "InRangeChange", "ClientUserId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientSummaries_Urgency",
                table: "PatientSummaries",
                columns: new[] { "Days", "VeryLowOver1", "UrgencyGri", "TeamId", "Last", "InRangeChange", "ClientUserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PatientSummaries_Counts",
                table: "PatientSummaries");

            migrationBuilder.DropIndex(
                name: "IX_PatientSummaries_Urgency",
                table: "PatientSummaries");

            migrationBuilder.DropColumn(
                name: "ClientUserId",
                table: "PatientSummaries");

            migrationBuilder.CreateIndex(
                name: "IX_PatientSummaries_Counts",
                table: "PatientSummaries",
                columns: new[] { "Days", "TeamId", "Last", "VeryLowOver1", "LowOver4", "InRangeUnder70", "InRangeDropped15", "ActiveUnder70", "GriZoneDOrE", "MeetingTargets" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientSummaries_Days_VeryLowOver1_UrgencyGri",
                table: "PatientSummaries",
                columns: new[] { "Days", "VeryLowOver1", "UrgencyGri" });
        }
    }
}
