using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Sync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HistoricalPulls",
                columns: table => new
                {
                    ConnectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RangeStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RangeEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Checkpoint = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DaysAsked = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysDone = table.Column<int>(type: "INTEGER", nullable: false),
                    GlucoseDaysWithData = table.Column<int>(type: "INTEGER", nullable: false),
                    NoteDaysWithData = table.Column<int>(type: "INTEGER", nullable: false),
                    CarbohydratesDaysWithData = table.Column<int>(type: "INTEGER", nullable: false),
                    InsulinDaysWithData = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TimelineJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoricalPulls", x => x.ConnectionId);
                    table.ForeignKey(
                        name: "FK_HistoricalPulls_Connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "Connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegionBackoffs",
                columns: table => new
                {
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegionBackoffs", x => x.Region);
                });

            migrationBuilder.CreateTable(
                name: "SyncStates",
                columns: table => new
                {
                    ConnectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NextDueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastErrorType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastErrorMessage = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReadingAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReadingUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TimeInRange14dPercent = table.Column<double>(type: "REAL", nullable: true),
                    ActivePercent14d = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncStates", x => x.ConnectionId);
                    table.ForeignKey(
                        name: "FK_SyncStates_Connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "Connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SyncStates_NextDueAt",
                table: "SyncStates",
                column: "NextDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HistoricalPulls");

            migrationBuilder.DropTable(
                name: "RegionBackoffs");

            migrationBuilder.DropTable(
                name: "SyncStates");
        }
    }
}
