using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Dashboard.Core.Glucose.Metrics;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Clinic_PatientSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PatientProfiles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientProfiles", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_PatientProfiles_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatientSummaries",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Readings = table.Column<int>(type: "integer", nullable: false),
                    First = table.Column<long>(type: "bigint", nullable: true),
                    Last = table.Column<long>(type: "bigint", nullable: true),
                    MeanMgdl = table.Column<double>(type: "double precision", nullable: true),
                    SdMgdl = table.Column<double>(type: "double precision", nullable: true),
                    CvPercent = table.Column<double>(type: "double precision", nullable: true),
                    GmiPercent = table.Column<double>(type: "double precision", nullable: true),
                    ActivePercent = table.Column<double>(type: "double precision", nullable: true),
                    TimeVeryLowPercent = table.Column<double>(type: "double precision", nullable: true),
                    TimeLowPercent = table.Column<double>(type: "double precision", nullable: true),
                    TimeInRangePercent = table.Column<double>(type: "double precision", nullable: true),
                    TimeTightRangePercent = table.Column<double>(type: "double precision", nullable: true),
                    TimeHighPercent = table.Column<double>(type: "double precision", nullable: true),
                    TimeVeryHighPercent = table.Column<double>(type: "double precision", nullable: true),
                    Gri = table.Column<double>(type: "double precision", nullable: true),
                    GriZone = table.Column<int>(type: "integer", nullable: true),
                    Dt0Minutes = table.Column<int>(type: "integer", nullable: true),
                    PreviousInRangePercent = table.Column<double>(type: "double precision", nullable: true),
                    InRangeChange = table.Column<double>(type: "double precision", nullable: true),
                    UrgencyGri = table.Column<double>(type: "double precision", nullable: false),
                    VeryLowOver1 = table.Column<bool>(type: "boolean", nullable: false),
                    LowOver4 = table.Column<bool>(type: "boolean", nullable: false),
                    InRangeUnder70 = table.Column<bool>(type: "boolean", nullable: false),
                    InRangeDropped15 = table.Column<bool>(type: "boolean", nullable: false),
                    ActiveUnder70 = table.Column<bool>(type: "boolean", nullable: false),
                    GriZoneDOrE = table.Column<bool>(type: "boolean", nullable: false),
                    MeetingTargets = table.Column<bool>(type: "boolean", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientSummaries", x => new { x.UserId, x.Days });
                    table.ForeignKey(
                        name: "FK_PatientSummaries_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatientTags",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tag = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientTags", x => new { x.UserId, x.Tag });
                    table.ForeignKey(
                        name: "FK_PatientTags_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PatientSummaries_Counts",
                table: "PatientSummaries",
                columns: new[] { "Days", "TeamId", "Last", "VeryLowOver1", "LowOver4", "InRangeUnder70", "InRangeDropped15", "ActiveUnder70", "GriZoneDOrE", "MeetingTargets" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientSummaries_Days_VeryLowOver1_UrgencyGri",
                table: "PatientSummaries",
                columns: new[] { "Days", "VeryLowOver1", "UrgencyGri" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientTags_Tag",
                table: "PatientTags",
                column: "Tag");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatientProfiles");

            migrationBuilder.DropTable(
                name: "PatientSummaries");

            migrationBuilder.DropTable(
                name: "PatientTags");
        }
    }
}
