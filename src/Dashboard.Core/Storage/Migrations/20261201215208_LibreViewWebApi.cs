using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class LibreViewWebApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Strikes",
                table: "RegionBackoffs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PracticeAccountSessions",
                columns: table => new
                {
                    AccountKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProtectedSession = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedTrustedDevice = table.Column<string>(type: "TEXT", nullable: true),
                    TrustedDeviceExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProtectedPendingMfa = table.Column<string>(type: "TEXT", nullable: true),
                    SignedInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProblemSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeAccountSessions", x => x.AccountKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PracticeAccountSessions");

            migrationBuilder.DropColumn(
                name: "Strikes",
                table: "RegionBackoffs");
        }
    }
}
