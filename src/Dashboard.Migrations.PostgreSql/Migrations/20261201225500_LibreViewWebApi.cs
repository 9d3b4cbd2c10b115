using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PracticeAccountSessions",
                columns: table => new
                {
                    AccountKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProtectedSession = table.Column<string>(type: "text", nullable: true),
                    ProtectedTrustedDevice = table.Column<string>(type: "text", nullable: true),
                    TrustedDeviceExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ProtectedPendingMfa = table.Column<string>(type: "text", nullable: true),
                    SignedInAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Problem = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProblemSince = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
