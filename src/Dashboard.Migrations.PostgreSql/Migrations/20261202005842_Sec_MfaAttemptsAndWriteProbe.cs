using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Sec_MfaAttemptsAndWriteProbe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MfaCodeAttempts",
                table: "LinkTokens",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "StoreWriteProbes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Instance = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreWriteProbes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoreWriteProbes_Instance",
                table: "StoreWriteProbes",
                column: "Instance");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoreWriteProbes");

            migrationBuilder.DropColumn(
                name: "MfaCodeAttempts",
                table: "LinkTokens");
        }
    }
}
